// `-d @` on a client stream, seen from the server: the messages stdin completed reach it before
// an input that breaks off cancels the call (as grpcurl: it sends each object it has read, then
// fails with exit 1 and prints nothing), and the error says where the input broke off. gwb runs
// in a process of its own, as a user runs it: in this one, the server would read the call's
// messages and its cancellation in one go and drop the call before its handler saw them.
import * as grpc from '@grpc/grpc-js';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcePath } from '../../main/resources.js';

interface Upload {
  messages: Buffer[];
  /** The server saw the call cancelled. */
  cancelled: Promise<void>;
}

const identity = (b: Buffer): Buffer => b;
let server: grpc.Server;
let target: string;
const uploads: Upload[] = [];

beforeAll(async () => {
  server = new grpc.Server();
  server.addService(
    {
      Upload: {
        path: '/example.BatchService/Upload',
        requestStream: true,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    } as grpc.ServiceDefinition,
    {
      Upload: (call: grpc.ServerReadableStream<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
        const messages: Buffer[] = [];
        call.on('data', (m: Buffer) => messages.push(m));
        call.on('end', () => cb(null, Buffer.alloc(0)));
        const cancelled = new Promise<void>((resolve) => call.on('cancelled', () => resolve()));
        uploads.push({ messages, cancelled });
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  target = `127.0.0.1:${port}`;
});

afterAll(() => server.forceShutdown());

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function upload(stdin: string): Promise<Run> {
  const args = [
    '--import',
    'tsx',
    path.join(import.meta.dirname, 'run.ts'),
    '-plaintext',
    '-import-path',
    resourcePath('protos'),
    '-proto',
    'example.proto',
    '-d',
    '@',
    target,
    'example.BatchService/Upload',
  ];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** example.Record {key: k} as protobuf: field 1, length-delimited. */
const record = (key: string): string =>
  Buffer.from([0x0a, key.length, ...Buffer.from(key)]).toString('hex');

describe('-d @ on a client stream that breaks off', { timeout: 30_000 }, () => {
  it('sends the complete objects, then cancels and says where the input ended', async () => {
    const before = uploads.length;
    const r = await upload('{"key":"a"}\n{"key":"b"} {"key":');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const seen = uploads[before] as Upload;
    await seen.cancelled;
    expect(seen.messages.map((m) => m.toString('hex'))).toEqual([record('a'), record('b')]);
    expect(r.stderr).toBe(
      'gwb: -d @: message 3 is cut short: the input ends at line 2, column 20 (byte 31); the 2 messages before it were sent, then the call was cancelled\n',
    );
  });

  it('sends the objects before a syntax error, then cancels naming the error and where', async () => {
    const before = uploads.length;
    const r = await upload('{"key":"é"} x');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const seen = uploads[before] as Upload;
    await seen.cancelled;
    expect(seen.messages.map((m) => m.toString('hex'))).toEqual([
      Buffer.from([0x0a, 2, 0xc3, 0xa9]).toString('hex'),
    ]);
    expect(r.stderr).toBe(
      'gwb: -d @ is not valid JSON in message 2: unexpected "x", expected a JSON value at line 1, column 13 (byte 13)\n',
    );
  });

  it('half-closes after a complete input, every message sent', async () => {
    const before = uploads.length;
    const r = await upload('{"key":"a"} {"key":"b"}\n');
    expect(r).toEqual({ code: 0, stdout: '{}\n', stderr: '' });
    expect((uploads[before] as Upload).messages).toHaveLength(2);
  });
});
