// gzip on gRPC-Web and Connect compresses each sent message once: the sent event's wire size is
// measured on what really goes on the wire (the JSON for Connect's JSON codec), and connect-es
// sends that very result instead of compressing the message again.
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { Protocol } from '../../shared/request/connection.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { demoRequest } from '../engine/engine.testkit.js';
import { useProtocolEngineKit } from './protocol-suite.testkit.js';
import { SentCompression } from './sent-compression.js';

describe('SentCompression', () => {
  it('hands connect-es the result measure() made, compressing nothing again', async () => {
    const gzip = new SentCompression((bytes) => bytes);
    const a = Buffer.from('first message, long enough to compress');
    const b = Buffer.from('second message');
    const sizes = [gzip.measure(a), gzip.measure(b)];
    const sent = [await gzip.compress(Uint8Array.from(a)), await gzip.compress(Uint8Array.from(b))];
    expect(gzip.compressedAgain).toBe(0);
    expect(sent.map((s) => s.byteLength)).toEqual(sizes.map((s) => s.wireSize));
    expect(gunzipSync(sent[0]!).toString()).toBe(a.toString());
    expect(gunzipSync(sent[1]!).toString()).toBe(b.toString());
  });

  it('compresses bytes it never measured as connect-node would', async () => {
    const gzip = new SentCompression((bytes) => bytes);
    gzip.measure(Buffer.from('measured'));
    const other = await gzip.compress(Buffer.from('something else'));
    expect(gzip.compressedAgain).toBe(1);
    expect(gunzipSync(other).toString()).toBe('something else');
  });
});

describe('compressed calls', () => {
  const shared = useProtocolEngineKit();

  const run = (doc: RequestDocument): Promise<CallEvent[]> => shared.run(doc, { halfClose: true });

  function gzipped(method: string, messages: object[], protocol: Protocol): RequestDocument {
    const doc = demoRequest(shared.servers.http2, method, messages as never);
    doc.connection = { ...doc.connection, protocol, compression: 'gzip' };
    return doc;
  }

  it('Connect JSON: the wire size is the gzipped JSON, and the server reads it', async () => {
    const log = await run(
      gzipped('/example.UserService/GetUser', [{ id: '1' }], { kind: 'connect', codec: 'json' }),
    );
    expect(log.find((e) => e.type === 'status')).toMatchObject({ status: { codeName: 'OK' } });
    const sent = log.find((e) => e.type === 'sent');
    expect(sent).toMatchObject({
      encoding: 'gzip',
      wireSize: gzipSync(Buffer.from('{"id":"1"}')).length,
    });
  });

  it('Connect binary client stream: each message’s wire size, the server reads them all', async () => {
    const messages = [
      { key: 'a', text: 'x'.repeat(200) },
      { key: 'b', number: 2 },
    ];
    const log = await run(gzipped('/example.BatchService/Upload', messages, { kind: 'connect' }));
    expect(log.find((e) => e.type === 'status')).toMatchObject({ status: { codeName: 'OK' } });
    const sent = log.filter((e) => e.type === 'sent');
    expect(sent).toHaveLength(2);
    for (const e of sent) expect(e).toMatchObject({ encoding: 'gzip' });
    // 200 repeated characters compress well below their size.
    expect((sent[0] as { wireSize: number }).wireSize).toBeLessThan(100);
  });
});
