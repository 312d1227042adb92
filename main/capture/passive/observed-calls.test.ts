import { describe, expect, it } from 'vitest';
import { CLIENT_PREFACE } from './frame-reader.js';
import { headers, observe } from './hand-frames.testkit.js';

// ObservedConnection on frames made by hand, for what real peers do not send on their own.

describe('ObservedConnection', () => {
  it('HEADERS on a stream that has ended is not a new call', async () => {
    const { connection, started, ended } = observe();
    const request: [string, string][] = [
      [':method', 'POST'],
      [':path', '/example.UserService/GetUser'],
    ];
    connection.fromClient(Buffer.concat([CLIENT_PREFACE, headers(1, request, true)]));
    connection.fromTarget(
      headers(
        1,
        [
          [':status', '200'],
          ['grpc-status', '0'],
        ],
        true,
      ), // trailers-only
    );
    // Trailers a client sends late on the finished stream (gRPC clients send none).
    connection.fromClient(headers(1, [['x-late', '1']], true));
    connection.fromClient(headers(3, request, true));
    expect(started.map((h) => h[':path'] ?? h['x-late'])).toEqual([
      '/example.UserService/GetUser',
      '/example.UserService/GetUser',
    ]);
    expect((await Promise.all(ended)).map((c) => c.status.code)).toEqual([0]);
  });
});
