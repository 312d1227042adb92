// Issue 17: a client's credentials go to the target byte for byte, but never into a recording
// (recordings are files people share, and the Capture panel opens them as drafts one can save).
import * as grpc from '@grpc/grpc-js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../recording/recording.testkit.js';
import { startRecordingProxy, until } from './capture.testkit.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const bytes = (b: Buffer): Buffer => b;
const echo: grpc.MethodDefinition<Buffer, Buffer> = {
  path: '/test.Creds/Echo',
  requestStream: false,
  responseStream: false,
  requestSerialize: bytes,
  requestDeserialize: bytes,
  responseSerialize: bytes,
  responseDeserialize: bytes,
};

/** A target that keeps the metadata each call came with and answers with a session cookie. */
async function startCredentialTarget() {
  const seen: grpc.Metadata[] = [];
  const server = new grpc.Server();
  server.addService({ Echo: echo } as grpc.ServiceDefinition, {
    Echo: (call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) => {
      seen.push(call.metadata);
      const headers = new grpc.Metadata();
      headers.set('set-cookie', 'session=t0p-s3cr3t-session; HttpOnly');
      call.sendMetadata(headers);
      done(null, call.request);
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  cleanup.push(() => new Promise<void>((resolve) => server.tryShutdown(() => resolve())));
  return { port, seen };
}

function callEcho(port: number, metadata: grpc.Metadata) {
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return new Promise<{ error: grpc.ServiceError | null; headers: grpc.Metadata | undefined }>(
    (resolve) => {
      let headers: grpc.Metadata | undefined;
      const call = client.makeUnaryRequest(
        echo.path,
        bytes,
        bytes,
        Buffer.from('hi'),
        metadata,
        (error) => {
          client.close();
          resolve({ error, headers });
        },
      );
      call.on('metadata', (m: grpc.Metadata) => (headers = m));
    },
  );
}

function everyFileIn(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('capture: credentials are forwarded but not recorded', () => {
  it('authorization, cookie and set-cookie reach their peer unchanged and are masked in the recording', async () => {
    const tmp = tempDir();
    cleanup.push(() => tmp.remove());
    const target = await startCredentialTarget();
    const rec = await startRecordingProxy(target.port, tmp.dir);
    cleanup.push(() => rec.proxy.close());

    const metadata = new grpc.Metadata();
    metadata.set('authorization', 'Bearer s3cr3t');
    metadata.set('cookie', 'sid=c00kie-s3cr3t');
    metadata.set('x-tenant', 'acme');
    const result = await callEcho(rec.proxy.port, metadata);
    expect(result.error).toBeNull();

    // Forwarded byte for byte, both ways.
    expect(target.seen[0]?.get('authorization')).toEqual(['Bearer s3cr3t']);
    expect(target.seen[0]?.get('cookie')).toEqual(['sid=c00kie-s3cr3t']);
    expect(result.headers?.get('set-cookie')).toEqual(['session=t0p-s3cr3t-session; HttpOnly']);

    await until(() => rec.calls.length === 1, 'the call recorded');
    const written = everyFileIn(tmp.dir);
    expect(written).toContain('/test.Creds/Echo');
    for (const secret of ['s3cr3t', 'c00kie', 't0p-s3cr3t-session'])
      expect(written).not.toContain(secret);
    const started = JSON.parse(written.split('\n').find((l) => l.includes('"started"')) ?? '{}');
    expect(started.metadata).toEqual(
      expect.arrayContaining([
        { key: 'authorization', value: 'Bearer [redacted]' },
        { key: 'cookie', value: '[redacted]' },
        { key: 'x-tenant', value: 'acme' },
      ]),
    );
    expect(written).toContain('"set-cookie","value":"[redacted]"');
  });
});
