import net from 'node:net';
import { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../recording/recording.testkit.js';
import { startRecordingProxy } from '../capture.testkit.js';
import { passThrough, type PassedConnection } from './pass-through.js';

// How a passed-through connection closes: a FIN passes each way as on a direct connection (a
// half-open peer still gets what the other sends), and once one side has closed both ways the
// other is closed too, so the connection does not outlive one of its peers.

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function listening(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  return (server.address() as net.AddressInfo).port;
}

/** Everything a socket receives until its FIN, and its close. */
function received(socket: net.Socket): { text: Promise<string>; closed: Promise<void> } {
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  socket.on('error', () => undefined);
  return {
    text: new Promise((resolve) =>
      socket.once('end', () => resolve(Buffer.concat(chunks).toString())),
    ),
    closed: new Promise((resolve) => socket.once('close', () => resolve())),
  };
}

describe('gwb proxy (pass-through): closing', () => {
  it("a client that has sent all it will (FIN) still gets the target's late answer, then both close", async () => {
    const targetClosed: Promise<void>[] = [];
    const target = net.createServer({ allowHalfOpen: true }, (socket) => {
      socket.on('error', () => undefined);
      targetClosed.push(new Promise((resolve) => socket.once('close', () => resolve())));
      // Answers only once the client has finished: a half-open peer, as on a direct connection.
      socket.on('data', () => undefined);
      socket.once('end', () => socket.end('late answer'));
    });
    const tmp = tempDir();
    cleanup.push(() => tmp.remove());
    const rec = await startRecordingProxy(await listening(target), tmp.dir);
    cleanup.push(() => rec.proxy.close());
    const client = net.connect(rec.proxy.port, '127.0.0.1');
    cleanup.push(() => client.destroy());
    const got = received(client);
    client.end('request');
    expect(await got.text).toBe('late answer');
    await got.closed;
    expect(targetClosed).toHaveLength(1);
    await targetClosed[0];
  });

  it("a target that has sent all it will (FIN) still gets the client's late bytes", async () => {
    let targetGot: Promise<string> | undefined;
    const target = net.createServer({ allowHalfOpen: true }, (socket) => {
      targetGot = received(socket).text;
      socket.once('data', () => socket.end('bye'));
    });
    const tmp = tempDir();
    cleanup.push(() => tmp.remove());
    const rec = await startRecordingProxy(await listening(target), tmp.dir);
    cleanup.push(() => rec.proxy.close());
    const client = net.connect({ port: rec.proxy.port, host: '127.0.0.1', allowHalfOpen: true });
    cleanup.push(() => client.destroy());
    const got = received(client);
    client.write('first ');
    expect(await got.text).toBe('bye');
    client.end('after');
    await got.closed;
    expect(await targetGot).toBe('first after');
  });

  it('a target that closes without a FIN (a tunnel destroyed) closes the client, and the connection is done', async () => {
    let opened: Duplex | undefined;
    let passed: PassedConnection | undefined;
    const proxy = net.createServer({ allowHalfOpen: true }, (socket) => {
      passed = passThrough(socket, {
        target: 'tunnel',
        maxObservedBytes: 1024,
        newRecord: () => {
          throw new Error('no call is read here');
        },
        settle: () => undefined,
        onError: () => undefined,
        openTarget: () =>
          (opened = new Duplex({ read: () => undefined, write: (_c, _e, done) => done() })),
        unreachable: () => undefined,
      });
    });
    const client = net.connect(await listening(proxy), '127.0.0.1');
    cleanup.push(() => client.destroy());
    const got = received(client);
    client.write('first bytes');
    await new Promise<void>((resolve) => {
      const check = (): void => (opened ? resolve() : void setImmediate(check));
      check();
    });
    opened?.destroy();
    await got.closed;
    await passed?.done;
  });
});
