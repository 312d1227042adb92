import net from 'node:net';
import { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../capture.testkit.js';
import { CLIENT_PREFACE } from './frame-reader.js';
import { passThrough } from './pass-through.js';

// The client's bytes are kept (bounded) while the target connects: past the bound they are let
// go, and the recording says it cannot follow the connection rather than reading from its middle.

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('gwb proxy (pass-through): bytes kept while the target connects', () => {
  it('over 1 MiB before the target answers: forwarded, and the recording says it stopped', async () => {
    let forwarded = 0;
    let target: Duplex | undefined;
    const errors: Error[] = [];
    const proxy = net.createServer({ allowHalfOpen: true }, (socket) => {
      passThrough(socket, {
        target: 'slow',
        maxObservedBytes: 1024,
        newRecord: () => {
          throw new Error('no call is read here');
        },
        settle: () => undefined,
        onError: (e) => errors.push(e),
        // A target that takes every byte but has not said it is connected yet.
        openTarget: () =>
          (target = new Duplex({
            read: () => undefined,
            write: (chunk: Buffer, _e, done) => {
              forwarded += chunk.length;
              done();
            },
          })),
        unreachable: () => undefined,
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => proxy.close(resolve)));
    const client = net.connect((proxy.address() as net.AddressInfo).port, '127.0.0.1');
    client.on('error', () => undefined);
    cleanup.push(() => client.destroy());
    const bytes = Buffer.concat([CLIENT_PREFACE, Buffer.alloc(1024 * 1024 + 1)]);
    client.write(bytes);
    await until(() => forwarded === bytes.length, 'every byte forwarded');
    expect(errors).toEqual([]);
    target?.emit('connect');
    await until(() => errors.length > 0, 'the recording to say it stopped');
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining(
        `the client sent over ${1024 * 1024} bytes before the target answered`,
      ),
    ]);
    target?.destroy();
  });
});
