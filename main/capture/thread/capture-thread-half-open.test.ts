// A client that half-closes its connection (FIN) while the target still answers: the thread goes
// on reading that connection's later bytes with the same HTTP/2 reader (its HPACK table), and
// lets it go only once both sides have closed.
import http2 from 'node:http2';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../recording/recording.testkit.js';
import { startRecordingProxy, startTargetServer, until } from '../capture.testkit.js';
import { startBareThread } from './bare-thread.testkit.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** One GetUser call on `h2`; `then` runs right after its request is sent. */
function getUser(h2: http2.ClientHttp2Session, then?: () => void): Promise<void> {
  return new Promise((resolve) => {
    const req = h2.request({
      ':method': 'POST',
      ':path': '/example.UserService/GetUser',
      'content-type': 'application/grpc',
      te: 'trailers',
      // Headers the HPACK table keeps: the answer to a later call refers back to its entries.
      'x-custom-a': 'aaaa',
      'x-custom-b': 'bbbb',
    });
    req.on('data', () => undefined);
    req.on('error', () => undefined);
    req.on('close', resolve);
    req.end(Buffer.from([0, 0, 0, 0, 3, 0x0a, 0x01, 0x31])); // GetUserRequest { id: "1" }
    then?.();
  });
}

describe('a half-closed client connection through the capture thread', () => {
  it('the target answering after the client FIN is read on, with no "cannot follow" error', async () => {
    const tmp = tempDir();
    cleanup.push(() => tmp.remove());
    const target = await startTargetServer();
    cleanup.push(() => target.kill());
    const rec = await startRecordingProxy(target.port, tmp.dir);
    cleanup.push(() => rec.proxy.close());

    const socket = net.connect({ port: rec.proxy.port, host: '127.0.0.1', allowHalfOpen: true });
    cleanup.push(() => socket.destroy());
    await new Promise((resolve) => socket.once('connect', resolve));
    const h2 = http2.connect(`http://127.0.0.1:${rec.proxy.port}`, {
      createConnection: () => socket,
    });
    h2.on('error', () => undefined);
    await getUser(h2);
    // The second call's request goes, then the client's FIN; the target's answer comes after.
    await getUser(h2, () => setTimeout(() => socket.end(), 0));
    await until(() => rec.calls.length === 2, 'both calls recorded');
    socket.destroy();
    await rec.proxy.close();
    expect(rec.errors.map((e) => e.message)).toEqual([]);
    expect(rec.calls[0]?.status.code).toBe(0);
  });

  it('the thread lets a connection go once both sides have closed, not at the first end', async () => {
    const { thread } = startBareThread();
    cleanup.push(() => thread.close());
    const observer = thread.observe();
    observer.fromClient(Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1'));
    observer.closed('client', undefined, true);
    // The target's bytes after the client's end belong to the same connection.
    observer.fromTarget(Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0])); // an empty SETTINGS frame
    expect(await thread.flush()).toBe(1);
    await observer.read(); // both sides closed
    expect(await thread.flush()).toBe(0);
  });
});
