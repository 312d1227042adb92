import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../recording.testkit.js';
import { RecordingThread } from './recording-thread.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

describe('a batch for the recording thread is one buffer: ops, paths and data packed together', () => {
  it('files with non-ASCII paths, interleaved in one batch, are each created and written whole', async () => {
    const thread = new RecordingThread();
    // Paths whose UTF-8 is longer than their JavaScript length (accents, CJK, an emoji).
    const folder = tmp.file('récordings-日本-🎙');
    mkdirSync(folder);
    const paths = ['é.ndjson', '通话.ndjson', 'plain.ndjson'].map((name) => join(folder, name));
    const files = paths.map((path) => thread.open(path));
    const expected = paths.map(() => [] as string[]);
    // One turn: every append and close goes over in the same batch, the files' ops interleaved.
    for (let line = 0; line < 5; line++)
      for (const [i, file] of files.entries()) {
        const text = `{"file":${i},"line":${line},"text":"ü${'x'.repeat(line * 7)}"}\n`;
        expected[i]?.push(text);
        file.append(Buffer.from(text));
      }
    await Promise.all(files.map((file) => file.close()));
    expect(thread.wakes).toBe(1);
    for (const [i, path] of paths.entries())
      expect(readFileSync(path, 'utf8')).toBe(expected[i]?.join(''));
  });

  it('a file given up on in a batch (it cannot be created) leaves the data of the next ones in place', async () => {
    const thread = new RecordingThread();
    const missing = thread.open(tmp.file('no-folder-here/x.ndjson'));
    const next = tmp.file('after-the-missing-one.ndjson');
    const file = thread.open(next);
    missing.append(Buffer.from('lost\n'));
    file.append(Buffer.from('kept\n'));
    const [lost, kept] = await Promise.allSettled([missing.close(), file.close()]);
    expect(lost.status).toBe('rejected');
    expect(kept.status).toBe('fulfilled');
    expect(readFileSync(next, 'utf8')).toBe('kept\n');
  });
});
