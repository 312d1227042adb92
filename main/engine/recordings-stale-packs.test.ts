// The recordings list never serves the index of bytes that are no longer in a file of several
// (review30-a MUST-1): a pack rewritten with fewer recordings no longer answers for the ones it
// lost, and a pass over a pack's old bytes that ends after a pass over its new ones does not put
// the old indexes back into the cache.
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { until } from '../capture/capture.testkit.js';
import { tempDir } from '../recording/recording.testkit.js';
import { writeSyntheticChat } from '../recording/testdata/synthetic.js';
import { createRecordingsStore } from './recordings-store.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** The text of a synthetic chat recording of `pairs` request/response pairs. */
async function chatText(name: string, pairs: number): Promise<string> {
  const file = tmp.file(name);
  await writeSyntheticChat(file, pairs);
  return readFileSync(file, 'utf8');
}

/** Whether this process has `file` open (Linux: /proc/self/fd), i.e. a pass is reading it. */
function isOpenHere(file: string): boolean {
  return readdirSync('/proc/self/fd').some((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false; // closed since it was listed
    }
  });
}

describe('a file of several recordings that changed', () => {
  it('rewritten with fewer recordings: the ones it lost are gone', async () => {
    const folder = join(tmp.dir, 'shrunk');
    mkdirSync(folder);
    const text = await chatText('shrunk.ndjson', 2);
    const pack = join(folder, 'calls.recordings');
    writeFileSync(pack, text + text + text);
    const store = createRecordingsStore(tmp.dir);
    expect((await store.index(`${pack}#3`)).count).toBeGreaterThan(0);
    writeFileSync(pack, text); // rewritten in place: one recording
    await expect(store.index(`${pack}#3`)).rejects.toThrow(
      'no recording #3: the file holds 1 recording (#1)',
    );
    expect((await store.index(`${pack}#1`)).count).toBeGreaterThan(0);
  });

  it('replaced while a pass reads its old bytes: the new bytes stay listed', async () => {
    const folder = join(tmp.dir, 'replaced');
    mkdirSync(folder);
    const big = await chatText('big.ndjson', 20_000);
    const small = await chatText('small.ndjson', 1);
    const pack = join(folder, 'calls.recordings');
    writeFileSync(pack, big + big);
    const replacement = join(tmp.dir, 'replacement.recordings');
    writeFileSync(replacement, small + small);
    const store = createRecordingsStore(tmp.dir);
    const old = store.index(`${pack}#1`);
    // The pass over the old file has opened it: it reads the old bytes to their end.
    await until(() => isOpenHere(pack), 'the pass to open the old file', 10_000);
    renameSync(replacement, pack);
    const renewed = await store.index(`${pack}#1`);
    expect(renewed.count).toBeLessThan(100);
    expect((await old).count).toBeGreaterThan(40_000);
    // Both passes have ended, the old one perhaps last: the cache holds the new bytes' index.
    expect((await store.index(`${pack}#1`)).count).toBe(renewed.count);
    expect((await store.index(`${pack}#2`)).count).toBe(renewed.count);
  }, 60_000);
});
