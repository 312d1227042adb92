import * as grpc from '@grpc/grpc-js';
import http2 from 'node:http2';
import type net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../recording/recording.testkit.js';
import { PROXY_PATHS, startRecordingProxy, stub, until } from '../capture.testkit.js';
import { CLIENT_PREFACE } from './frame-reader.js';
import { REQUEST, data, headers, observe, reset } from './hand-frames.testkit.js';

// A target that ends its response without a status (no grpc-status, no trailers): the call ends
// 13 as soon as the stream is closed both ways, on both paths, however the client ended its side.

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const RESPONSE: [string, string][] = [
  [':status', '200'],
  ['content-type', 'application/grpc'],
];
const NGHTTP2_CANCEL = 8;

describe('ObservedConnection: a target that ends without a status', () => {
  it("after the client's DATA END_STREAM (how grpc-js ends its side): the call ends 13 at once", async () => {
    const { connection, ended } = observe();
    connection.fromClient(
      Buffer.concat([CLIENT_PREFACE, headers(1, REQUEST, false), data(1, Buffer.alloc(5), true)]),
    );
    connection.fromTarget(
      Buffer.concat([headers(1, RESPONSE, false), data(1, Buffer.alloc(0), true)]),
    );
    expect((await Promise.all(ended)).map((c) => [c.status.code, c.status.message])).toEqual([
      [13, 'the target ended the response without a status'],
    ]);
  });

  it("a client reset that follows it: still 13, not the client's cancel", async () => {
    const { connection, ended } = observe();
    connection.fromClient(Buffer.concat([CLIENT_PREFACE, headers(1, REQUEST, false)]));
    connection.fromTarget(
      Buffer.concat([headers(1, RESPONSE, false), data(1, Buffer.alloc(0), true)]),
    );
    expect(ended).toEqual([]); // the client's side is still open
    connection.fromClient(reset(1, NGHTTP2_CANCEL));
    expect((await Promise.all(ended)).map((c) => c.status.code)).toEqual([13]);
  });
});

describe('gwb proxy: a target that ends without a status, real grpc-js client', () => {
  for (const via of PROXY_PATHS) {
    it(`${via}: recorded 13 while the client's connection stays open`, async () => {
      const raw = http2.createServer();
      raw.on('stream', (stream) => {
        stream.on('error', () => undefined);
        stream.respond({ ':status': 200, 'content-type': 'application/grpc' });
        stream.end();
      });
      raw.on('session', (s) => s.on('error', () => undefined));
      await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
      cleanup.push(() => raw.close());
      const tmp = tempDir();
      cleanup.push(() => tmp.remove());
      const rec = await startRecordingProxy(
        (raw.address() as net.AddressInfo).port,
        tmp.dir,
        {},
        via,
      );
      cleanup.push(() => rec.proxy.close());
      const client = stub('UserService', rec.proxy.port);
      cleanup.push(() => client.close());
      const error = await new Promise<grpc.ServiceError | null>((resolve) =>
        (
          client as unknown as Record<
            string,
            (r: object, cb: (e: grpc.ServiceError | null) => void) => void
          >
        )['GetUser']?.call(client, { id: '1' }, resolve),
      );
      expect(error?.code).toBeDefined();
      await until(() => rec.calls.length === 1, 'the call to be recorded as ended');
      expect(rec.calls[0]?.status).toMatchObject({
        code: 13,
        message: expect.stringContaining('the target ended the response without a status'),
      });
    });
  }
});
