import { describe, expect, it } from 'vitest';
import { CLIENT_PREFACE } from './frame-reader.js';
import { REQUEST, headers, literal, observe, settings } from './hand-frames.testkit.js';
import { frameBytes } from './traffic.testkit.js';

// Each peer's SETTINGS bound the other direction's header blocks, through ObservedConnection's own
// wiring: a peer's SETTINGS_HEADER_TABLE_SIZE lets the other's encoder grow its table that far.

const HEADER_TABLE_SIZE = 0x1;
/** A dynamic table size update to 8192 (RFC 7541 §6.3): 31 + 8161. */
const update8192 = Buffer.from([0x3f, 0xe1, 0x3f]);

/** HEADERS whose block starts with the size update, then these fields. */
const headersAfterUpdate = (streamId: number, fields: [string, string][], endStream: boolean) =>
  frameBytes({
    type: 1,
    flags: 0x4 | (endStream ? 0x1 : 0),
    streamId,
    payload: Buffer.concat([update8192, ...fields.map(([n, v]) => literal(n, v))]),
  });

const OK: [string, string][] = [
  [':status', '200'],
  ['content-type', 'application/grpc'],
  ['grpc-status', '0'],
];

describe('ObservedConnection: SETTINGS_HEADER_TABLE_SIZE', () => {
  it("the client's setting lets the target's encoder grow its table to 8192", async () => {
    const { connection, ended } = observe();
    connection.fromClient(
      Buffer.concat([
        CLIENT_PREFACE,
        settings([HEADER_TABLE_SIZE, 8192]),
        headers(1, REQUEST, true),
      ]),
    );
    connection.fromTarget(Buffer.concat([settings(), headersAfterUpdate(1, OK, true)]));
    expect((await Promise.all(ended)).map((c) => c.status.code)).toEqual([0]);
  });

  it("the target's setting lets the client's encoder grow its table to 8192", async () => {
    const { connection, started, ended } = observe();
    connection.fromTarget(settings([HEADER_TABLE_SIZE, 8192]));
    connection.fromClient(
      Buffer.concat([CLIENT_PREFACE, settings(), headersAfterUpdate(1, REQUEST, true)]),
    );
    connection.fromTarget(headers(1, OK, true));
    expect(started.map((h) => h[':path'])).toEqual(['/example.UserService/GetUser']);
    expect((await Promise.all(ended)).map((c) => c.status.code)).toEqual([0]);
  });
});
