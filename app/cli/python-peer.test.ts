import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcePath } from '../../main/resources.js';
import { startPythonPeer, type PythonPeer } from '../../test/python/peer.js';
import { gwb, jsonMessages } from './cli.testkit.js';

// A non-Node peer: Python grpcio (no reflection) called through gwb with the proto file.
let peer: PythonPeer;
const proto = (): string[] => [
  '-plaintext',
  '-import-path',
  resourcePath('protos'),
  '-proto',
  'example.proto',
];

beforeAll(async () => {
  peer = await startPythonPeer();
});

afterAll(async () => {
  await peer?.close();
});

describe('gwb against a Python grpcio server', () => {
  it('unary', async () => {
    const r = await gwb([
      ...proto(),
      '-d',
      '{"id":"42"}',
      peer.target,
      'example.UserService/GetUser',
    ]);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: '{\n  "id": "42",\n  "name": "Douglas Adams",\n  "age": 49\n}\n',
    });
    const file = await gwb([
      ...proto(),
      '-d',
      '{"filename":"data/huge.bin"}',
      peer.target,
      'example.FileService/CheckFile',
    ]);
    expect(JSON.parse(file.stdout)).toEqual({ exists: true, size: '9007199254740993' });
  });

  it('server stream', async () => {
    const r = await gwb([
      ...proto(),
      '-d',
      '{"source":"py","lines":3,"interval_ms":1}',
      peer.target,
      'example.LogService/Tail',
    ]);
    expect(r.code).toBe(0);
    const lines = jsonMessages(r.stdout) as {
      seq: string;
      level: string;
      text: string;
      fields: Record<string, string>;
    }[];
    expect(lines.map((l) => [l.seq, l.level, l.text])).toEqual([
      ['1', 'DEBUG', 'py: line 1'],
      ['2', 'INFO', 'py: line 2'],
      ['3', 'WARN', 'py: line 3'],
    ]);
    expect(lines[0]?.fields).toEqual({ source: 'py', peer: 'python' });
  });

  it('client stream', async () => {
    const r = await gwb([
      ...proto(),
      '-d',
      '{"key":"a","number":1.25} {"key":"b","text":"héllo"} {"key":"c","blob":"AAEC"}',
      peer.target,
      'example.BatchService/Upload',
    ]);
    expect(JSON.parse(r.stdout)).toEqual({
      count: 3,
      total: 1.25,
      bytes: '9',
      keys: ['a', 'b', 'c'],
    });
  });

  it('bidi stream', async () => {
    const r = await gwb([
      ...proto(),
      '-d',
      '{"sender":"Ada"}{"sender":""}',
      peer.target,
      'example.ChatService/Chat',
    ]);
    expect(jsonMessages(r.stdout)).toEqual([
      { sender: 'Workbench', content: 'Hello, Ada!' },
      { sender: 'Workbench', content: 'Hello, stranger!' },
    ]);
  });

  it('metadata: request headers echoed back as response headers and trailers', async () => {
    const r = await gwb([
      ...proto(),
      '-v',
      '-H',
      'x-echo-trace: t-1',
      '-d',
      '{"id":"1"}',
      peer.target,
      'example.UserService/GetUser',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nResponse headers received:\n(.*\n)*x-echo-trace: t-1\n/);
    expect(r.stdout).toMatch(
      /\nResponse trailers received:\n(.*\n)*x-echo-trace: t-1\nSent 1 request and received 1 response\n$/,
    );
  });

  it('errors: NOT_FOUND with its ResourceInfo detail, exit 69', async () => {
    const r = await gwb([
      ...proto(),
      '-d',
      '{"id":"nobody"}',
      peer.target,
      'example.UserService/GetUser',
    ]);
    expect(r.code).toBe(69);
    expect(r.stderr).toMatch(
      /^ERROR:\n {2}Code: NotFound\n {2}Message: user "nobody" not found\n {2}Details:\n {2}1\)\t\{\n/,
    );
    expect(r.stderr).toContain('"@type": "type.googleapis.com/google.rpc.ResourceInfo"');
    expect(r.stderr).toContain('"resourceName": "users/nobody"');
  });

  it('errors: INVALID_ARGUMENT from a stream, exit 67', async () => {
    const r = await gwb([...proto(), '-d', '{"lines":-1}', peer.target, 'example.LogService/Tail']);
    expect(r.code).toBe(67);
    expect(r.stderr).toBe(
      'ERROR:\n  Code: InvalidArgument\n  Message: lines must be 0 (forever) or more\n',
    );
  });

  it('errors: DeadlineExceeded on an endless stream with -max-time', async () => {
    const r = await gwb([
      ...proto(),
      '-max-time',
      '1',
      '-d',
      '{"lines":0,"interval_ms":10}',
      peer.target,
      'example.LogService/Tail',
    ]);
    expect(r.code).toBe(68);
    expect(jsonMessages(r.stdout).length).toBeGreaterThan(0);
  });
});
