// Where gwb replay writes its recording when not told (-out): beside the recording, and for one
// recording of a file of several (FILE.recordings#N) a name of its own per N (review29 S-8).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultReplayPath } from './replay.js';

const dir = mkdtempSync(path.join(tmpdir(), 'gwb-replay-path-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('defaultReplayPath', () => {
  it('FILE.recordings#N replays to FILE.recordings-N.replay.ndjson; a file of its own to FILE.replay.ndjson', () => {
    const pack = path.join(dir, 'cap.recordings');
    const single = path.join(dir, 'one.ndjson');
    writeFileSync(pack, '');
    writeFileSync(single, '');
    expect(defaultReplayPath(`${pack}#3`)).toBe(path.join(dir, 'cap.recordings-3.replay.ndjson'));
    expect(defaultReplayPath(single)).toBe(path.join(dir, 'one.replay.ndjson'));
  });

  it('the replay of a pack’s third recording and of a file cap-3.ndjson beside it differ (review29 N-5)', () => {
    const pack = path.join(dir, 'cap.recordings');
    const lookalike = path.join(dir, 'cap-3.ndjson');
    writeFileSync(pack, '');
    writeFileSync(lookalike, '');
    expect(defaultReplayPath(`${pack}#3`)).not.toBe(defaultReplayPath(lookalike));
  });
});
