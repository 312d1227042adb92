// The benches ask their helper processes questions (CPU time, when a recording closed); an answer
// that never comes must end the wait, not hang `npm run bench:*`.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { askChild } from '../../bench/_bench-processes.js';

const children: ReturnType<typeof fork>[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const step of cleanups.splice(0)) step();
});

/** A child that answers `{ n: n * 10 }` to each question `{ n }`, only for n below 3. */
function answeringChild(): ReturnType<typeof fork> {
  const dir = mkdtempSync(join(tmpdir(), 'ask-child-'));
  const script = join(dir, 'child.cjs');
  writeFileSync(
    script,
    `process.on('message', (q) => { if (q.n < 3) process.send({ n: q.n * 10 }); });`,
  );
  const child = fork(script, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.push(child);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return child;
}

describe('askChild', () => {
  it('resolves with the answer it picks', async () => {
    const child = answeringChild();
    expect(await askChild(child, { n: 2 }, (a: { n: number }) => a.n, 10_000)).toBe(20);
  });

  it('resolves undefined when no answer comes within its limit', async () => {
    const child = answeringChild();
    const start = performance.now();
    expect(await askChild(child, { n: 5 }, (a: { n: number }) => a.n, 300)).toBeUndefined();
    expect(performance.now() - start).toBeLessThan(5000);
    expect(child.listenerCount('message')).toBe(0);
  });
});
