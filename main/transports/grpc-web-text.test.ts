// gRPC-Web's text encoding: the base64 codec on its own (known vectors, any chunking, padding in
// the middle, bad input said in words), and calls that really go as application/grpc-web-text to
// the connect-node server's text front (grpc-web-text-front.testkit.ts), on both HTTP versions.
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { Protocol } from '../../shared/request/connection.js';
import { demoRequest } from '../engine/engine.testkit.js';
import { base64Decoded, base64Encoded } from './grpc-web-text.js';
import { useProtocolEngineKit } from './protocol-suite.testkit.js';

async function* chunksOf(...parts: (string | number[])[]): AsyncIterable<Uint8Array> {
  for (const part of parts)
    yield typeof part === 'string' ? Buffer.from(part, 'latin1') : Uint8Array.from(part);
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of chunks) out.push(Buffer.from(chunk));
  return Buffer.concat(out);
}

describe('the base64 codec', () => {
  it('encodes the whole body as one base64 text, whatever the chunks', async () => {
    const text = await collect(base64Encoded(chunksOf('h', 'el', 'lo w', 'orld')));
    expect(text.toString('latin1')).toBe('aGVsbG8gd29ybGQ=');
    expect((await collect(base64Encoded(chunksOf('abc', 'def')))).toString('latin1')).toBe(
      'YWJjZGVm',
    );
    expect(await collect(base64Encoded(chunksOf()))).toHaveLength(0);
  });

  it('encodes a frame byte for byte (binary, not text)', async () => {
    const frame = [0, 0, 0, 0, 3, 0x08, 0x96, 0x01];
    const text = await collect(base64Encoded(chunksOf(frame.slice(0, 4), frame.slice(4))));
    expect(text.toString('latin1')).toBe(Buffer.from(frame).toString('base64'));
  });

  it('decodes across any chunk boundary', async () => {
    const whole = 'aGVsbG8gd29ybGQ=';
    for (let cut = 0; cut <= whole.length; cut++) {
      const decoded = await collect(base64Decoded(chunksOf(whole.slice(0, cut), whole.slice(cut))));
      expect(decoded.toString()).toBe('hello world');
    }
  });

  it('decodes texts each padded on its own, one after another (as servers send chunks)', async () => {
    const decoded = await collect(base64Decoded(chunksOf('aGk=aGVs', 'bG8=', 'YQ==', 'Yg==')));
    expect(decoded.toString()).toBe('hihelloab');
  });

  it('ignores line breaks and spaces', async () => {
    const decoded = await collect(base64Decoded(chunksOf('aGVs\r\nbG8g', ' d29y bGQ=\n')));
    expect(decoded.toString()).toBe('hello world');
  });

  it('says so when the body is not base64 or ends inside a group', async () => {
    await expect(collect(base64Decoded(chunksOf('aG!k')))).rejects.toThrow(
      'grpc-web-text: the response body is not base64',
    );
    await expect(collect(base64Decoded(chunksOf('aGVsbG8')))).rejects.toThrow(
      'the response ends inside a base64 group (3 of 4 characters)',
    );
  });
});

describe('calls in grpc-web-text', () => {
  const shared = useProtocolEngineKit();

  function run(address: string, protocol: Protocol): Promise<CallEvent[]> {
    const doc = demoRequest(address, '/example.LogService/Tail', [
      { source: 'app', lines: 4, interval_ms: 1 },
    ]);
    doc.connection = { ...doc.connection, protocol };
    return shared.run(doc);
  }

  it.each([
    { name: 'HTTP/2', httpVersion: '2' as const },
    { name: 'HTTP/1.1', httpVersion: '1.1' as const },
  ])('a server stream goes as application/grpc-web-text over $name', async ({ httpVersion }) => {
    const gateway =
      httpVersion === '2' ? shared.servers.gateways.http2 : shared.servers.gateways.http1;
    const address = httpVersion === '2' ? shared.servers.http2 : shared.servers.http1;
    gateway.requests.length = 0;
    const log = await run(address, { kind: 'grpcweb', encoding: 'text', httpVersion });
    expect(log.filter((e) => e.type === 'received')).toHaveLength(4);
    expect(log.at(-2)).toMatchObject({ type: 'status', status: { codeName: 'OK' } });
    // The text request, then the front's binary one to the same server.
    expect(gateway.requests.map((r) => r.contentType)).toEqual([
      'application/grpc-web-text+proto',
      'application/grpc-web+proto',
    ]);
    expect(log[0]).toMatchObject({
      type: 'started',
      protocol: `gRPC-Web text (HTTP/${httpVersion === '2' ? '2' : '1.1'})`,
    });
  });
});
