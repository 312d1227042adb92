import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { grpcurlCommand, parseGrpcurlCommand, shellWords } from '../../shared/grpcurl/index.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { gwb, jsonMessages } from './cli.testkit.js';

// gwb against the outputs of the real grpcurl (v1.9.3, run on these command lines against the
// demo server; the text below is what it printed), and "Copy as grpcurl" lines run through a real
// shell and then through gwb.
let demo: DemoServer;
let target: string;

beforeAll(async () => {
  demo = await startDemoServer({});
  target = `127.0.0.1:${demo.port}`;
});

afterAll(async () => {
  await demo.close();
});

/** The words a POSIX shell (bash) makes of a command line: nothing expanded or executed. */
function bashWords(line: string): string[] {
  const out = spawnSync('bash', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  expect(out.stderr).toBe('');
  return out.stdout.split('\0').slice(0, -1);
}

describe('gwb prints what grpcurl prints', () => {
  /** [flags, words after ADDRESS, what grpcurl printed] */
  const GRPCURL_PRINTED: [string[], string[], string][] = [
    [
      [],
      ['describe', 'example.LogService'],
      'example.LogService is a service:\n// Server streaming: real-time log streaming.\nservice LogService {\n  rpc Tail ( .example.TailRequest ) returns ( stream .example.LogLine );\n}\n',
    ],
    [[], ['list', 'example.LogService'], 'example.LogService.Tail\n'],
    [
      ['-msg-template'],
      ['describe', 'example.TailRequest'],
      'example.TailRequest is a message:\nmessage TailRequest {\n  string source = 1;\n  int32 lines = 2;\n  int32 interval_ms = 3;\n}\n\nMessage template:\n{\n  "source": "",\n  "lines": 0,\n  "intervalMs": 0\n}\n',
    ],
    [
      ['-d', '{"sender":"Ada"} {"sender":"Alan","content":"hi"}'],
      ['example.ChatService/Chat'],
      '{\n  "sender": "Workbench",\n  "content": "Hello, Ada!"\n}\n{\n  "sender": "Workbench",\n  "content": "Hello, Alan!"\n}\n',
    ],
    [
      ['-emit-defaults', '-d', '{"filename":"nope"}'],
      ['example.FileService.CheckFile'],
      '{\n  "exists": false,\n  "size": "0"\n}\n',
    ],
    [
      ['-d', '{"filename":"data/huge.bin"}'],
      ['example.FileService/CheckFile'],
      '{\n  "exists": true,\n  "size": "9007199254740993"\n}\n',
    ],
  ];
  for (const [flags, rest, printed] of GRPCURL_PRINTED) {
    it([...flags, rest.join(' ')].join(' '), async () => {
      const argv = ['-plaintext', ...flags, target, ...rest];
      expect(await gwb(argv)).toEqual({ code: 0, stdout: printed, stderr: '' });
    });
  }

  it('reads a client stream from stdin with -d @, as grpcurl does', async () => {
    const r = await gwb(['-plaintext', '-d', '@', target, 'example.BatchService/Upload'], {
      stdin: '{"key":"a"} {"key":"b","number":2}\n',
    });
    expect(r.stdout).toBe(
      '{\n  "count": 2,\n  "total": 2,\n  "keys": [\n    "a",\n    "b"\n  ]\n}\n',
    );
  });

  it("exits with grpcurl's codes: 64 + status, 1 before the call", async () => {
    // grpcurl: 69, 67, 68, 1, 1 on these lines.
    const codes = await Promise.all(
      [
        ['-d', '{"id":"999"}', target, 'example.UserService/GetUser'],
        ['-d', '{}', target, 'example.UserService/GetUser'],
        [
          '-max-time',
          '0.3',
          '-d',
          '{"lines":0,"interval_ms":200}',
          target,
          'example.LogService/Tail',
        ],
        [target, 'example.UserService/Nope'],
        ['-max-msg-sz', '10', '-d', '{"id":"1"}', target, 'example.UserService/GetUser'],
      ].map(async (args) => (await gwb(['-plaintext', ...args])).code),
    );
    expect(codes).toEqual([69, 67, 68, 1, 1]);
  });
});

describe('Copy as grpcurl, run', () => {
  it('is one line a shell splits into the words gwb reads back, and gwb runs it', async () => {
    const doc: RequestDocument = {
      name: 'Chat',
      connection: { address: target, security: { kind: 'plaintext' }, connectTimeoutMs: 5000 },
      method: '/example.ChatService/Chat',
      messages: [{ sender: "O'Brien $HOME `id`" }, { sender: 'Alan', content: 'a\nb \\ "q"' }],
      metadata: [{ key: 'x-echo-note', value: "it's {{not a variable here}}" }],
      deadlineMs: 10_000,
      options: {},
      notes: '',
    };
    const line = grpcurlCommand(doc);
    expect(line).not.toContain('\n');
    const words = bashWords(line.slice('grpcurl '.length));
    expect(words).toEqual(shellWords(line).slice(1));
    expect(parseGrpcurlCommand(line, { name: 'Chat' }).request).toEqual(doc);
    const r = await gwb(words);
    expect(r.stderr).toBe('');
    expect(jsonMessages(r.stdout)).toEqual([
      { sender: 'Workbench', content: "Hello, O'Brien $HOME `id`!" },
      { sender: 'Workbench', content: 'Hello, Alan!' },
    ]);
  });
});
