import { describe, expect, it } from 'vitest';
import { CLIENT_PREFACE } from './frame-reader.js';
import { observe } from './hand-frames.testkit.js';
import { frameBytes } from './traffic.testkit.js';

// Frames too short for the fields their flags announce: the recording stops and says why, never
// a header block made of nothing (a call with no path).

const END_STREAM = 0x1;
const END_HEADERS = 0x4;
const PADDED = 0x8;
const PRIORITY = 0x20;

describe('passive reader: frames shorter than their flags say', () => {
  for (const [what, flags] of [
    ['PADDED', PADDED],
    ['PRIORITY', PRIORITY],
    ['PADDED and PRIORITY', PADDED | PRIORITY],
  ] as const)
    it(`HEADERS with ${what} and an empty payload is no call`, () => {
      const { connection, started, errors } = observe({ throwOnError: false });
      const empty = frameBytes({
        type: 1,
        flags: END_HEADERS | END_STREAM | flags,
        streamId: 1,
        payload: Buffer.alloc(0),
      });
      connection.fromClient(Buffer.concat([CLIENT_PREFACE, empty]));
      expect(started).toEqual([]);
      expect(errors.map((e) => e.message)).toEqual([
        expect.stringContaining('HEADERS on stream 1 shorter than its padding and priority fields'),
      ]);
    });

  it('PADDED PUSH_PROMISE with an empty payload stops the recording', () => {
    const { connection, errors } = observe({ throwOnError: false });
    connection.fromTarget(
      frameBytes({ type: 5, flags: END_HEADERS | PADDED, streamId: 1, payload: Buffer.alloc(0) }),
    );
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining('PUSH_PROMISE on stream 1 shorter than its promised stream id'),
    ]);
  });
});
