import { describe, expect, it } from 'vitest';
import { gwb } from './cli.testkit.js';

// `gwb run -h` says that a request saved with its own snapshot setting is compared on every run
// (issue 15 §3), not only with --snapshots: the one place a terminal user learns of it.
describe('gwb run --help and the per-request snapshot', () => {
  it('names the document field and that it applies without --snapshots', async () => {
    const r = await gwb(['run', '-h']);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('"snapshot": { "ignore": [paths] }');
    expect(text).toContain('compared on every run, with or without --snapshots');
  });
});
