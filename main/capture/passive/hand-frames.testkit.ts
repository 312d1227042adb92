import type { IncomingHttpHeaders } from 'node:http2';
import { CallRecord, type CallSummary } from '../call-record.js';
import { ObservedConnection } from './observed-calls.js';
import { frameBytes } from './traffic.testkit.js';

// Frames made by hand for ObservedConnection, for what real peers do not send on their own.

/** A literal header field without indexing, new name (RFC 7541 §6.2.2), short name and value. */
export const literal = (name: string, value: string): Buffer =>
  Buffer.concat([
    Buffer.from([0, name.length]),
    Buffer.from(name),
    Buffer.from([value.length]),
    Buffer.from(value),
  ]);

export const headers = (streamId: number, fields: [string, string][], endStream: boolean): Buffer =>
  frameBytes({
    type: 1,
    flags: 0x4 | (endStream ? 0x1 : 0),
    streamId,
    payload: Buffer.concat(fields.map(([n, v]) => literal(n, v))),
  });

export const data = (streamId: number, payload: Buffer, endStream: boolean): Buffer =>
  frameBytes({ type: 0, flags: endStream ? 0x1 : 0, streamId, payload });

export const reset = (streamId: number, code: number): Buffer => {
  const payload = Buffer.alloc(4);
  payload.writeUInt32BE(code);
  return frameBytes({ type: 3, flags: 0, streamId, payload });
};

/** SETTINGS with these (identifier, value) pairs. */
export const settings = (...pairs: [number, number][]): Buffer => {
  const payload = Buffer.alloc(6 * pairs.length);
  pairs.forEach(([id, value], i) => {
    payload.writeUInt16BE(id, i * 6);
    payload.writeUInt32BE(value, i * 6 + 2);
  });
  return frameBytes({ type: 4, flags: 0, streamId: 0, payload });
};

export const REQUEST: [string, string][] = [
  [':method', 'POST'],
  [':path', '/example.UserService/GetUser'],
];

/** An ObservedConnection whose calls, ends and errors the test reads. */
export function observe(opts: { throwOnError?: boolean } = {}) {
  const started: IncomingHttpHeaders[] = [];
  const ended: Promise<CallSummary>[] = [];
  const errors: Error[] = [];
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
      if (opts.throwOnError ?? true) throw error;
      errors.push(error);
    },
  });
  return { connection, started, ended, errors };
}
