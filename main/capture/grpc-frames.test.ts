import { describe, expect, it } from 'vitest';
import { FrameObserver, type ObservedMessage } from './grpc-frames.js';

const frame = (body: Buffer, compressed = false): Buffer => {
  const prefix = Buffer.alloc(5);
  prefix[0] = compressed ? 1 : 0;
  prefix.writeUInt32BE(body.length, 1);
  return Buffer.concat([prefix, body]);
};

function observe(chunks: Buffer[], maxBytes: number): ObservedMessage[] {
  const seen: ObservedMessage[] = [];
  const observer = new FrameObserver(maxBytes, (m) =>
    // Copied: an observed message may be a view of the chunk.
    seen.push({ ...m, bytes: m.bytes && Buffer.from(m.bytes) }),
  );
  for (const chunk of chunks) observer.push(chunk);
  return seen;
}

describe('FrameObserver', () => {
  const wire = Buffer.concat([
    frame(Buffer.from('hello')),
    frame(Buffer.alloc(0)),
    frame(Buffer.from('x'.repeat(100)), true),
  ]);

  it('finds the same messages however the bytes are cut into chunks', () => {
    const expected = [
      { compressed: false, length: 5, bytes: Buffer.from('hello') },
      { compressed: false, length: 0, bytes: Buffer.alloc(0) },
      { compressed: true, length: 100, bytes: Buffer.from('x'.repeat(100)) },
    ];
    expect(observe([wire], 1000)).toEqual(expected);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < wire.length; at += size) chunks.push(wire.subarray(at, at + size));
      expect(observe(chunks, 1000)).toEqual(expected);
    }
  });

  it('keeps no message over its bound, whether it comes in one chunk or many', () => {
    const whole = observe([wire], 10);
    expect(whole[2]).toEqual({ compressed: true, length: 100, bytes: undefined });
    expect(whole[0]?.bytes).toEqual(Buffer.from('hello'));
    const bytewise = observe(
      [...wire].map((b) => Buffer.from([b])),
      10,
    );
    expect(bytewise[2]).toEqual({ compressed: true, length: 100, bytes: undefined });
  });
});
