import type { IncomingHttpHeaders } from 'node:http2';
import { describe, expect, it } from 'vitest';
import { CallRecord, type CallSummary } from '../call-record.js';
import { CLIENT_PREFACE } from './frame-reader.js';
import { ObservedConnection } from './observed-calls.js';
import { frameBytes } from './traffic.testkit.js';

// ObservedConnection on frames made by hand, for what real peers do not send on their own.
const literal = (name: string, value: string): Buffer =>
  Buffer.concat([
    Buffer.from([0, name.length]),
    Buffer.from(name),
    Buffer.from([value.length]),
    Buffer.from(value),
  ]);
const headers = (streamId: number, fields: [string, string][], endStream: boolean): Buffer =>
  frameBytes({
    type: 1,
    flags: 0x4 | (endStream ? 0x1 : 0),
    streamId,
    payload: Buffer.concat(fields.map(([n, v]) => literal(n, v))),
  });

function observe() {
  const started: IncomingHttpHeaders[] = [];
  const ended: Promise<CallSummary>[] = [];
  const connection = new ObservedConnection({
    target: 'target:1',
    maxObservedBytes: 1024,
    newRecord: (method, h) => {
      started.push(h);
      return new CallRecord({
        method,
        target: 'target:1',
        metadata: () => [],
        deadlineMs: undefined,
        file: undefined,
        schema: undefined,
        maxObservedBytes: 1024,
      });
    },
    settle: (record) => ended.push(record.close()),
    onError: (error) => {
      throw error;
    },
  });
  return { connection, started, ended };
}

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
