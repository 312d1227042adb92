import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wellKnownIncludes } from '../../main/codec/protoc.testkit.js';
import { startEchoServer } from '../../main/codec/text-format/echo-server.testkit.js';
import { startDemoServer } from '../../main/demo/demo-server.js';
import type { RunningServer } from '../../main/reflection/reflection-servers.testkit.js';
import { gwb } from './cli.testkit.js';

// -format text against a real server that answers each message with its own bytes. The
// .grpcurl.txt files are what grpcurl 1.9.3 printed for the same command lines against the same
// server: strings and bytes with octal escapes, Go's float spelling, map entries sorted by key,
// well-known types in golang/protobuf's compact form, a proto2 group, an enum number with no name.
const testdata = join(import.meta.dirname, '../../main/codec/text-format/testdata');
const fixture = (name: string): string => readFileSync(join(testdata, name), 'utf8');
let work: string;
let protoset: string;
let echo: RunningServer;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'gwb-text-'));
  protoset = join(work, 'echo.protoset');
  execFileSync('protoc', [
    '--include_imports',
    `--descriptor_set_out=${protoset}`,
    '-I',
    testdata,
    ...wellKnownIncludes(),
    'echo.proto',
  ]);
  echo = await startEchoServer();
});

afterAll(() => {
  echo?.close();
  rmSync(work, { recursive: true, force: true });
});

const call = (method: string, extra: string[], stdin?: string) =>
  gwb(
    ['-plaintext', '-protoset', protoset, '-format', 'text', ...extra, echo.address, method],
    stdin === undefined ? {} : { stdin },
  );

describe('gwb -format text', () => {
  it('reads -d as text and prints the response as grpcurl does', async () => {
    const run = await call('echo.Echo/Echo', ['-d', fixture('echo-request.txt')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(fixture('echo-response.grpcurl.txt'));
  });

  it('separates streamed messages with \\x1e, in -d and in the output; a blank piece is an empty message', async () => {
    const run = await call('echo.Echo/EchoStream', ['-d', 'text: "a"\x1etext: "b" \x1e ']);
    expect(run.stdout).toBe('text: "a"\n\x1etext: "b"\n\x1e\n');
  });

  it('reads text from stdin with -d @', async () => {
    const run = await call('echo.Echo/EchoStream', ['-d', '@'], 'neg: -1\x1emood: HAPPY');
    expect(run.stdout).toBe('neg: -1\n\x1emood: HAPPY\n');
  });

  it('sends one empty message without -d, also to a stream (as grpcurl)', async () => {
    expect((await call('echo.Echo/EchoStream', [])).stdout).toBe('\n');
    expect((await call('echo.Echo/Echo', [])).stdout).toBe('\n');
  });

  it('names the message and the problem when the text does not parse', async () => {
    const run = await call('echo.Echo/EchoStream', ['-d', 'text: "a"\x1ebogus: 1']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/-d message 2 is not valid text format for echo\.Msg: .*bogus/);
  });

  it('prints -msg-template in text format', async () => {
    const run = await gwb([
      '-protoset',
      protoset,
      '-format',
      'text',
      '-msg-template',
      'describe',
      'echo.Msg',
    ]);
    expect(run.stdout.slice(run.stdout.indexOf('Message template:\n') + 18)).toBe(
      fixture('echo-template.grpcurl.txt'),
    );
  });

  it('-format-error prints the status as google.rpc.Status text, details as raw Any (as grpcurl)', async () => {
    const demo = await startDemoServer({});
    try {
      const run = await gwb([
        '-plaintext',
        '-format',
        'text',
        '-format-error',
        '-d',
        'id: "999"',
        `127.0.0.1:${demo.port}`,
        'example.UserService/GetUser',
      ]);
      expect(run.code).toBe(69);
      expect(run.stdout).toBe('');
      // grpcurl's text, plus the newline it leaves out.
      expect(run.stderr).toBe(
        [
          'code: 5',
          'message: "user \\"999\\" not found"',
          'details: <',
          '  type_url: "type.googleapis.com/google.rpc.ResourceInfo"',
          '  value: "\\n\\014example.User\\022\\tusers/999\\"\\026known ids: 1, 2, 3, 42"',
          '>',
          '',
        ].join('\n'),
      );
    } finally {
      await demo.close();
    }
  });
});
