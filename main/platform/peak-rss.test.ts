import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('peakRssMb', () => {
  it("reports a child's own peak, not the peak of the big process that started it", () => {
    // Grow this process first so that an inherited figure would stand out.
    const ballast = Array.from({ length: 30 }, () => Buffer.alloc(10 << 20, 1));
    const script = `import('${new URL('./peak-rss.ts', import.meta.url).pathname}').then((m) => console.log(m.peakRssMb()))`;
    const child = Number(
      execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
        encoding: 'utf8',
      }).trim(),
    );
    expect(ballast.length).toBe(30);
    expect(child).toBeGreaterThan(10);
    expect(child).toBeLessThan(250);
  });
});
