import net from 'node:net';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../recording/recording.testkit.js';
import { startRecordingProxy, until } from '../capture.testkit.js';
import { CLIENT_PREFACE } from './frame-reader.js';
import { MAX_HEADER_LIST_BYTES } from './header-block.js';
import { REQUEST, headers, literal, observe, settings } from './hand-frames.testkit.js';
import { frameBytes } from './traffic.testkit.js';

// What a peer's header blocks may make the passive reader hold: a bounded header list and a
// bounded block, or the connection's recording stops and says why (its bytes still go on).

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/**
 * An HPACK "bomb": one 3,990-byte value added to the dynamic table, then `refs` one-byte indexed
 * fields naming it (index 62, 0xBE): each decodes to about 4 KB.
 */
function bomb(streamId: number, refs: number): Buffer {
  const value = Buffer.alloc(3990, 0x61);
  // §6.2.1 with incremental indexing, new name "x"; value length 3990 = 127 + 3863 (7-bit prefix).
  const added = Buffer.concat([
    Buffer.from([0x40, 1, 0x78, 0x7f, (3863 & 0x7f) | 0x80, 3863 >> 7]),
    value,
  ]);
  const payload = Buffer.concat([
    ...REQUEST.map(([n, v]) => literal(n, v)),
    added,
    Buffer.alloc(refs, 0xbe),
  ]);
  return frameBytes({ type: 1, flags: 0x4 | 0x1, streamId, payload });
}

const MAX_HEADER_LIST_SIZE = 0x6;

describe('passive reader: bounded header blocks', () => {
  it('a block that decodes past 64 KiB of headers stops the recording with one error, no call', () => {
    const { connection, started, errors } = observe({ throwOnError: false });
    connection.fromClient(Buffer.concat([CLIENT_PREFACE, bomb(1, 2000)]));
    expect(started).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual([
      `gwb proxy cannot follow a connection's HTTP/2 (a header block decodes to more than ${MAX_HEADER_LIST_BYTES} bytes of headers): its calls are forwarded but not recorded from there on`,
    ]);
  });

  it("the target's larger SETTINGS_MAX_HEADER_LIST_SIZE raises the bound (up to 1 MiB)", () => {
    // 20 references: about 80 KB of headers, over 64 KiB and under the 128 KiB the target takes.
    const { connection, started, errors } = observe({ throwOnError: false });
    connection.fromTarget(settings([MAX_HEADER_LIST_SIZE, 128 * 1024]));
    connection.fromClient(Buffer.concat([CLIENT_PREFACE, bomb(1, 20)]));
    expect(errors).toEqual([]);
    expect(started.map((h) => h[':path'])).toEqual(['/example.UserService/GetUser']);
    // A block past the raised bound still stops it; a peer asking for more than 1 MiB gets 1 MiB.
    connection.fromTarget(settings([MAX_HEADER_LIST_SIZE, 0xffffffff]));
    connection.fromClient(bomb(3, 300));
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining('a header block decodes to more than 1048576 bytes of headers'),
    ]);
  });

  it("the client's larger SETTINGS_MAX_HEADER_LIST_SIZE raises the bound of the target's blocks", () => {
    const { connection, ended, errors } = observe({ throwOnError: false });
    connection.fromClient(
      Buffer.concat([
        CLIENT_PREFACE,
        settings([MAX_HEADER_LIST_SIZE, 128 * 1024]),
        headers(1, REQUEST, true),
      ]),
    );
    connection.fromTarget(bomb(1, 20)); // about 80 KB of trailers-only response
    expect(errors).toEqual([]);
    expect(ended).toHaveLength(1);
  });

  it('an endless CONTINUATION chain is refused past the bound, not held', () => {
    const { connection, started, errors } = observe({ throwOnError: false });
    const open = frameBytes({ type: 1, flags: 0x1, streamId: 1, payload: literal(':path', '/a') });
    connection.fromClient(Buffer.concat([CLIENT_PREFACE, open]));
    const continuation = frameBytes({
      type: 9,
      flags: 0,
      streamId: 1,
      payload: Buffer.alloc(16 * 1024, 0x80 | 0x3e),
    });
    let sent = 0;
    while (errors.length === 0 && sent < 100) {
      connection.fromClient(continuation);
      sent++;
    }
    // The HEADERS fragment and four 16 KiB CONTINUATIONs are just over 64 KiB.
    expect(sent).toBe(4);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining(
        `a header block on stream 1 of more than ${MAX_HEADER_LIST_BYTES} bytes`,
      ),
    ]);
    expect(started).toEqual([]);
  });

  it('a header frame longer than the bound is refused at its frame header, before its payload', () => {
    const { connection, errors } = observe({ throwOnError: false });
    const head = Buffer.alloc(9);
    head.writeUIntBE(16 * 1024 * 1024 - 1, 0, 3);
    head[3] = 1; // HEADERS
    head.writeUInt32BE(1, 5);
    connection.fromClient(Buffer.concat([CLIENT_PREFACE, head]));
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining(`a 1 frame of 16777215 bytes, over ${MAX_HEADER_LIST_BYTES}`),
    ]);
  });

  it('through the proxy to a plain TCP target: the bomb is forwarded, not recorded; the recording says why; another connection still forwards', async () => {
    const received = new Map<number, number>();
    let accepted = 0;
    const sink = net.createServer((socket) => {
      const n = accepted++;
      received.set(n, 0);
      socket.on('data', (chunk) => received.set(n, (received.get(n) ?? 0) + chunk.length));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => sink.close(resolve)));
    const tmp = tempDir();
    cleanup.push(() => tmp.remove());
    const started: string[] = [];
    const rec = await startRecordingProxy((sink.address() as net.AddressInfo).port, tmp.dir, {
      onCallStarted: (call) => started.push(call.method),
    });
    cleanup.push(() => rec.proxy.close());

    const send = async (bytes: Buffer): Promise<void> => {
      const socket = net.connect(rec.proxy.port, '127.0.0.1');
      socket.on('error', () => undefined);
      cleanup.push(() => socket.destroy());
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(bytes);
    };
    // 16,000 references: about 64 MB of headers from a 20 KB frame.
    const attack = Buffer.concat([CLIENT_PREFACE, settings(), bomb(1, 16_000)]);
    const heapBefore = process.memoryUsage().heapUsed;
    await send(attack);
    await until(() => received.get(0) === attack.length, 'the bomb forwarded to the target');
    await until(() => rec.errors.length > 0, 'the recording to say why it stopped');
    expect(rec.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('a header block decodes to more than 65536 bytes of headers'),
    ]);
    expect(started).toEqual([]);
    const recorded = rec.recordings().reduce((n, f) => n + readFileSync(f).length, 0);
    expect(recorded).toBe(0);
    // A generous bound: the decoded list alone would be 64 MB.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(48 * 1024 * 1024);

    const other = Buffer.from('still forwarded');
    await send(other);
    await until(() => received.get(1) === other.length, 'a second connection forwarded');
  });
});
