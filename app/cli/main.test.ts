import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { resourcePath } from '../../main/resources.js';
import { freePort } from '../../test/free-port.testkit.js';
import { gwb, jsonMessages } from './cli.testkit.js';
import { helpText } from './help.js';

// gwb in-process against the real demo server, over reflection.
let demo: DemoServer;
let target: string;

beforeAll(async () => {
  demo = await startDemoServer({});
  target = `127.0.0.1:${demo.port}`;
});

afterAll(async () => {
  await demo.close();
});

describe('gwb list and describe over reflection', () => {
  it('lists the services, sorted', async () => {
    const r = await gwb(['-plaintext', target, 'list']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        'example.BatchService',
        'example.ChatService',
        'example.FileService',
        'example.LogService',
        'example.UserService',
        'grpc.health.v1.Health',
        '',
      ].join('\n'),
    );
  });

  it('lists the methods of a service', async () => {
    const r = await gwb(['--plaintext', target, 'list', 'grpc.health.v1.Health']);
    expect(r.stdout).toBe(
      'grpc.health.v1.Health.Check\ngrpc.health.v1.Health.List\ngrpc.health.v1.Health.Watch\n',
    );
  });

  it('describes a service and a method as grpcurl does', async () => {
    const service = await gwb(['-plaintext', target, 'describe', 'example.ChatService']);
    expect(service.stdout).toBe(
      'example.ChatService is a service:\nservice ChatService {\n  rpc Chat ( stream .example.ChatMessage ) returns ( stream .example.ChatMessage );\n}\n',
    );
    const method = await gwb(['-plaintext', target, 'describe', 'example.LogService.Tail']);
    expect(method.stdout).toBe(
      'example.LogService.Tail is a method:\nrpc Tail ( .example.TailRequest ) returns ( stream .example.LogLine );\n',
    );
  });

  it('describes a message with nested enum, map and timestamp, and its -msg-template', async () => {
    const r = await gwb(['-plaintext', '-msg-template', target, 'describe', '.example.LogLine']);
    expect(r.code).toBe(0);
    const [description, template] = r.stdout.split('\nMessage template:\n');
    expect(description).toBe(
      [
        'example.LogLine is a message:',
        'message LogLine {',
        '  int64 seq = 1;',
        '  .google.protobuf.Timestamp at = 2;',
        '  .example.LogLine.Level level = 3;',
        '  string text = 4;',
        '  map<string, string> fields = 5;',
        '  enum Level {',
        '    LEVEL_UNSPECIFIED = 0;',
        '    DEBUG = 1;',
        '    INFO = 2;',
        '    WARN = 3;',
        '    ERROR = 4;',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(template ?? '')).toMatchObject({
      seq: '0',
      level: 'LEVEL_UNSPECIFIED',
      text: '',
      fields: { '': '' }, // grpcurl keys a map's one entry by the zero key
    });
  });

  it('says which symbol is unknown', async () => {
    const r = await gwb(['-plaintext', target, 'describe', 'example.Nope']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'gwb: symbol example.Nope not found in the schema\n',
    });
  });
});

describe('gwb calls', () => {
  it('makes a unary call and prints the response as pretty JSON', async () => {
    const r = await gwb(['-plaintext', '-d', '{"id":"1"}', target, 'example.UserService/GetUser']);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: '{\n  "id": "1",\n  "name": "Ada Lovelace",\n  "age": 36\n}\n',
    });
  });

  it('accepts SERVICE.METHOD and -emit-defaults, and keeps int64 exact', async () => {
    const missing = await gwb([
      '-plaintext',
      '-emit-defaults',
      '-d',
      '{"filename":"nope"}',
      target,
      'example.FileService.CheckFile',
    ]);
    expect(JSON.parse(missing.stdout)).toEqual({ exists: false, size: '0' });
    const huge = await gwb([
      '-plaintext',
      '-d={"filename":"data/huge.bin"}',
      target,
      'example.FileService.CheckFile',
    ]);
    expect(JSON.parse(huge.stdout)).toEqual({ exists: true, size: '9007199254740993' });
  });

  it('sends an empty request when -d is absent', async () => {
    const r = await gwb(['-plaintext', target, 'example.FileService/CheckFile']);
    expect(r.stdout).toBe('{}\n');
  });

  it("exits 64 + code with grpcurl's ERROR block and the decoded details on stderr", async () => {
    const r = await gwb([
      '-plaintext',
      '-d',
      '{"id":"999"}',
      target,
      'example.UserService/GetUser',
    ]);
    expect(r.code).toBe(69);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'ERROR:',
        '  Code: NotFound',
        '  Message: user "999" not found',
        '  Details:',
        '  1)\t{',
        '    \t  "@type": "type.googleapis.com/google.rpc.ResourceInfo",',
        '    \t  "resourceType": "example.User",',
        '    \t  "resourceName": "users/999",',
        '    \t  "description": "known ids: 1, 2, 3, 42"',
        '    \t}',
        '',
      ].join('\n'),
    );
  });

  it('prints the status as JSON with -format-error', async () => {
    const r = await gwb([
      '-plaintext',
      '-format-error',
      '-d',
      '{}',
      target,
      'example.UserService/GetUser',
    ]);
    expect(r.code).toBe(67);
    expect(JSON.parse(r.stderr)).toEqual({
      code: 3,
      message: 'id must not be empty',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.BadRequest',
          fieldViolations: [{ field: 'id', description: 'must not be empty' }],
        },
      ],
    });
  });

  it('streams server messages', async () => {
    const r = await gwb([
      '-plaintext',
      '-d',
      '{"source":"api","lines":3,"interval_ms":1}',
      target,
      'example.LogService/Tail',
    ]);
    expect(r.code).toBe(0);
    const lines = jsonMessages(r.stdout) as {
      seq: string;
      level: string;
      text: string;
      at: string;
    }[];
    expect(lines.map((l) => [l.seq, l.level, l.text])).toEqual([
      ['1', 'DEBUG', 'api: line 1'],
      ['2', 'INFO', 'api: line 2'],
      ['3', 'WARN', 'api: line 3'],
    ]);
    expect(lines[0]?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  it('sends several concatenated JSON objects on a client stream', async () => {
    const body =
      '{"key":"a","number":1.5}\n{"key":"b","number":2}{"key":"c","text":"héllo"} {"key":"d","blob":"AQID"}';
    const r = await gwb(['-plaintext', '-d', body, target, 'example.BatchService/Upload']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      count: 4,
      total: 3.5,
      bytes: '9',
      keys: ['a', 'b', 'c', 'd'],
    });
  });

  it('talks on a bidi stream, one answer per message', async () => {
    const r = await gwb([
      '-plaintext',
      '-d',
      '{"sender":"Ada"} {"sender":"Alan","content":"hi"}',
      target,
      'example.ChatService/Chat',
    ]);
    expect(jsonMessages(r.stdout)).toEqual([
      { sender: 'Workbench', content: 'Hello, Ada!' },
      { sender: 'Workbench', content: 'Hello, Alan!' },
    ]);
  });

  it('reads the body from stdin with -d @', async () => {
    const r = await gwb(['-plaintext', '-d', '@', target, 'example.ChatService/Chat'], {
      stdin: '{"sender":"S1"}\n{"sender":"S2"}\n',
    });
    expect(jsonMessages(r.stdout)).toHaveLength(2);
  });

  it('sends each stdin message on a bidi stream as soon as it is complete', async () => {
    const { PassThrough } = await import('node:stream');
    const stdin = new PassThrough();
    let answers = 0;
    stdin.write('{"sender":"first"}');
    const r = await gwb(['-plaintext', '-d', '@', target, 'example.ChatService/Chat'], {
      stdinStream: stdin,
      // The second message is written only once the first has been answered.
      onStdout: () => {
        answers++;
        if (answers === 1) stdin.end('\n{"sender":"second"}\n');
      },
    });
    expect(r.code).toBe(0);
    expect(jsonMessages(r.stdout)).toEqual([
      { sender: 'Workbench', content: 'Hello, first!' },
      { sender: 'Workbench', content: 'Hello, second!' },
    ]);
  });

  it('stops a stdin stream at a message that does not fit, naming it', async () => {
    const r = await gwb(['-plaintext', '-d', '@', target, 'example.BatchService/Upload'], {
      stdin: '{"key":"a"}\n{"key":"b","number":"lots"}\n',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gwb: -d message 2: invalid example.Record at number: .*\n$/);
  });

  it('sends -H metadata and shows headers and trailers with -v', async () => {
    const r = await gwb([
      '-plaintext',
      '-v',
      '-H',
      'x-echo-token: abc',
      '-rpc-header',
      'x-echo-rpc: only-rpc',
      '-reflect-header',
      'x-echo-reflect: only-reflection',
      '-d',
      '{"id":"2"}',
      target,
      'example.UserService/GetUser',
    ]);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain(
      '\nResolved method descriptor:\nrpc GetUser ( .example.UserRequest ) returns ( .example.User );\n',
    );
    expect(out).toContain('\nRequest metadata to send:\nx-echo-rpc: only-rpc\nx-echo-token: abc\n');
    expect(out).toMatch(
      /\nResponse headers received:\n(.*\n)*x-echo-rpc: only-rpc\nx-echo-token: abc\n/,
    );
    expect(out).toContain(
      '\nResponse contents:\n{\n  "id": "2",\n  "name": "Alan Turing",\n  "age": 41\n}\n',
    );
    expect(out).toContain(
      '\nResponse trailers received:\nx-echo-rpc: only-rpc\nx-echo-token: abc\nSent 1 request and received 1 response\n',
    );
    expect(out).not.toContain('only-reflection');
  });

  it('names the field path of a bad JSON body and sends nothing', async () => {
    const unknown = await gwb([
      '-plaintext',
      '-d',
      '{"idd":"1"}',
      target,
      'example.UserService/GetUser',
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^gwb: -d: invalid example.UserRequest at idd: .*\n$/);
    const deep = await gwb([
      '-plaintext',
      '-d',
      '{"key":"a"} {"key":"b","tags":["x",7]}',
      target,
      'example.BatchService/Upload',
    ]);
    expect(deep.code).toBe(1);
    expect(deep.stderr).toMatch(/^gwb: -d message 2: invalid example.Record at tags\[1\]: .*\n$/);
    expect(deep.stdout).toBe('');
  });

  it('accepts unknown fields with -allow-unknown-fields', async () => {
    const r = await gwb([
      '-plaintext',
      '-allow-unknown-fields',
      '-d',
      '{"id":"3","extra":1}',
      target,
      'example.UserService/GetUser',
    ]);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'Grace Hopper' });
  });

  it('gives line and column of broken JSON', async () => {
    const r = await gwb([
      '-plaintext',
      '-d',
      '{"id":\n  1,}',
      target,
      'example.UserService/GetUser',
    ]);
    expect(r).toMatchObject({
      code: 1,
      stderr:
        'gwb: -d is not valid JSON: expected a quoted field name but found "}" at line 2, column 5\n',
    });
  });

  it('ends an endless stream at -max-time with DeadlineExceeded (64 + 4)', async () => {
    // With the proto file, so that a busy machine spends the budget on the stream, not reflection;
    // 2 s, since at load 11 on two cores a 1 s budget once ran out before the first message.
    const started = Date.now();
    const r = await gwb([
      '-plaintext',
      '-import-path',
      resourcePath('protos'),
      '-proto',
      'example.proto',
      '-max-time',
      '2',
      '-d',
      '{"lines":0,"interval_ms":20}',
      target,
      'example.LogService/Tail',
    ]);
    expect(r.code).toBe(68);
    expect(r.stderr).toMatch(/^ERROR:\n {2}Code: DeadlineExceeded\n/);
    expect(jsonMessages(r.stdout).length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(2000 + 2000);
  });

  it('cancels the call and exits 130 when interrupted', async () => {
    const controller = new AbortController();
    const r = await gwb(
      ['-plaintext', '-d', '{"lines":0,"interval_ms":5}', target, 'example.LogService/Tail'],
      {
        signal: controller.signal,
        onStdout: () => controller.abort(),
      },
    );
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('');
    expect(jsonMessages(r.stdout).length).toBeGreaterThan(0);
  });

  it('refuses a response larger than -max-msg-sz with ResourceExhausted (64 + 8)', async () => {
    // With the proto file: reflection answers are held to the limit too.
    const proto = ['-import-path', resourcePath('protos'), '-proto', 'example.proto'];
    const r = await gwb([
      '-plaintext',
      ...proto,
      '-max-msg-sz',
      '10',
      '-d',
      '{"id":"1"}',
      target,
      'example.UserService/GetUser',
    ]);
    expect(r.code).toBe(72);
    expect(r.stderr).toMatch(/^ERROR:\n {2}Code: ResourceExhausted\n/);
    const fits = await gwb([
      '-plaintext',
      ...proto,
      '-max-msg-sz',
      '1000',
      '-d',
      '{"id":"1"}',
      target,
      'example.UserService/GetUser',
    ]);
    expect(fits.code).toBe(0);
  });

  it('says which method or service is missing', async () => {
    const method = await gwb(['-plaintext', target, 'example.UserService/Nope']);
    expect(method).toMatchObject({
      code: 1,
      stderr: 'gwb: service example.UserService has no method Nope (it has: GetUser)\n',
    });
    const service = await gwb(['-plaintext', target, 'example.Nope/Get']);
    expect(service.code).toBe(1);
    expect(service.stderr).toMatch(/^gwb: service example.Nope not found \(known: .*\)\n$/);
    expect(service.stderr).toContain('example.BatchService');
  });

  it('refuses two messages for a unary method', async () => {
    const r = await gwb([
      '-plaintext',
      '-d',
      '{"id":"1"}{"id":"2"}',
      target,
      'example.UserService/GetUser',
    ]);
    expect(r).toMatchObject({
      code: 1,
      stderr: 'gwb: GetUser takes one request message but -d holds 2\n',
    });
  });
});

describe('gwb headers for reflection and for the RPC', () => {
  it('sends -H to both, -reflect-header only to reflection, -rpc-header only to the call', async () => {
    const guarded = await startDemoServer({ requireAuthorization: 'Bearer t0k3n' });
    const t = `127.0.0.1:${guarded.port}`;
    const call = (...flags: string[]) =>
      gwb(['-plaintext', ...flags, '-d', '{"id":"1"}', t, 'example.UserService/GetUser']);
    try {
      const none = await call();
      expect(none.code).toBe(1);
      expect(none.stderr).toMatch(/^gwb: .*missing authorization header.*\n$/);
      expect((await call('-H', 'authorization: Bearer t0k3n')).code).toBe(0);
      const reflectOnly = await call('-reflect-header', 'authorization: Bearer t0k3n');
      expect(reflectOnly.code).toBe(64 + 16);
      expect(reflectOnly.stderr).toBe(
        'ERROR:\n  Code: Unauthenticated\n  Message: missing authorization header\n',
      );
      expect((await call('-rpc-header', 'authorization: Bearer t0k3n')).code).toBe(1);
      expect(
        (
          await call(
            '-reflect-header',
            'authorization: Bearer t0k3n',
            '-rpc-header',
            'authorization: Bearer t0k3n',
          )
        ).code,
      ).toBe(0);
    } finally {
      await guarded.close();
    }
  });

  it('rejects a header without a name before connecting', async () => {
    const r = await gwb(['-plaintext', '-H', ': value', '127.0.0.1:1', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^gwb: header ": value" has no name; write it as "name: value"\n$/);
  });

  it("sends -H 'name' without a value as grpcurl does: the name with an empty value", async () => {
    const r = await gwb([
      '-plaintext',
      '-v',
      '-H',
      'X-Echo-Flag',
      '-d',
      '{"id":"1"}',
      target,
      'example.UserService/GetUser',
    ]);
    expect(r.code).toBe(0);
    // grpcurl -v printed `x-echo-flag: ` there, and the demo server echoed it back.
    expect(r.stdout).toContain('\nRequest metadata to send:\nx-echo-flag: \n');
    expect(r.stdout).toMatch(/\nResponse headers received:\n(.*\n)*x-echo-flag: \n/);
  });
});

describe('gwb over a Unix socket', () => {
  it('connects with -unix', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gwb-'));
    const socket = path.join(dir, 'demo.sock');
    const server = await startDemoServer({ host: `unix:${socket}` });
    try {
      const r = await gwb([
        '-plaintext',
        '-unix',
        '-keepalive-time',
        '10',
        '-d',
        '{"id":"2"}',
        socket,
        'example.UserService/GetUser',
      ]);
      expect(JSON.parse(r.stdout)).toMatchObject({ name: 'Alan Turing' });
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gwb usage and connection errors', () => {
  it('exits 2 for a command line that cannot be run, with a pointer to -help (as grpcurl)', async () => {
    for (const args of [
      [],
      ['-plaintext'],
      [target],
      ['list'],
      ['-plaintext', target, 'list', 'a', 'b'],
      ['-plaintext', '-insecure', target, 'list'],
      ['-proto', 'a.proto', '-protoset', 'b.pb', 'list'],
      ['-max-time', '-1', target, 'list'],
      ['-cert', 'c.pem', target, 'list'],
      ['-use-reflection=false', target, 'list'],
    ]) {
      const r = await gwb(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(
        /^gwb: [^\n]+\nTry 'gwb -help' for more details\.\n$/,
      );
    }
  });

  it('exits 2 with the usage text after a flag the parser refuses (as grpcurl)', async () => {
    for (const [args, first] of [
      [['-bogus', 'x', 'list'], 'flag provided but not defined: -bogus'],
      [['-max-time', 'x', target, 'list'], 'invalid value "x" for flag -max-time: expected a'],
      [['-max-time', '1.5s', target, 'list'], 'invalid value "1.5s" for flag -max-time'],
      [['-max-msg-sz', '1.5', target, 'list'], 'invalid value "1.5" for flag -max-msg-sz'],
      [['-emit-defaults=maybe', target, 'list'], 'invalid value "maybe" for flag -emit-defaults'],
      [['-H'], 'flag needs an argument: -H'],
    ] as const) {
      const r = await gwb([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr.startsWith(`gwb: ${first}`), r.stderr).toBe(true);
      expect(r.stderr.endsWith(`\n${helpText()}`), args.join(' ')).toBe(true);
    }
  });

  it('refuses an address without a port (exit 1, as grpcurl) instead of dialling 443', async () => {
    for (const args of [
      ['-plaintext', 'localhost', 'list'],
      ['-plaintext', 'localhost', 'example.UserService/GetUser'],
      ['-plaintext', '[::1]', 'describe', 'example.User'],
    ]) {
      const r = await gwb(args);
      expect(r, args.join(' ')).toEqual({
        code: 1,
        stdout: '',
        stderr: expect.stringMatching(
          /^gwb: failed to connect to [^ ]+: missing port in address .*\n$/,
        ) as string,
      });
    }
  });

  it('takes :PORT for the local machine, as grpcurl (Go) does', async () => {
    const r = await gwb(['-plaintext', `:${demo.port}`, 'list', 'example.LogService']);
    expect(r).toEqual({ code: 0, stdout: 'example.LogService.Tail\n', stderr: '' });
  });

  it('warns as grpcurl does when -d is given to list or describe, and still runs', async () => {
    const r = await gwb(['-plaintext', '-d', '{}', target, 'list', 'example.LogService']);
    expect(r).toEqual({
      code: 0,
      stdout: 'example.LogService.Tail\n',
      stderr: "Warning: The -d argument is not used with 'list' or 'describe' verb.\n",
    });
    const empty = await gwb(['-plaintext', '-d', '', target, 'describe', 'example.LogService']);
    expect(empty.stderr).toBe('');
  });

  it('exits 1 quickly when nothing listens, honouring -connect-timeout', async () => {
    const port = await freePort();
    const started = Date.now();
    const r = await gwb(['-plaintext', '-connect-timeout', '0.3', `127.0.0.1:${port}`, 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^gwb: failed to connect to 127.0.0.1:${port}: connection refused\\n$`),
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('uses TLS unless -plaintext is given, and says why the handshake failed', async () => {
    // The handshake fails at once; a connect timeout a loaded machine could outlast would say
    // "within 1 s" instead of why.
    const r = await gwb(['-connect-timeout', '10', target, 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^gwb: failed to connect to 127\.0\.0\.1:\d+: TLS handshake failed: .*; use -plaintext\n$/,
    );
  });

  it('prints the version of the package', async () => {
    const r = await gwb(['-version']);
    expect(r.stdout).toMatch(/^gwb \d+\.\d+\.\d+\n$/);
  });

  it('prints help that documents every flag', async () => {
    const r = await gwb(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(helpText());
    for (const flag of [
      'plaintext',
      'insecure',
      'cacert',
      'cert',
      'key',
      'authority',
      'servername',
      'H',
      'rpc-header',
      'reflect-header',
      'd',
      'proto',
      'import-path',
      'protoset',
      'use-reflection',
      'max-time',
      'connect-timeout',
      'max-msg-sz',
      'emit-defaults',
      'allow-unknown-fields',
      'format-error',
      'v',
      'msg-template',
    ]) {
      expect(r.stdout, flag).toMatch(new RegExp(`\\n  -${flag}\\b`));
    }
    expect(r.stdout).toContain('demo-server');
  });
});

describe('gwb demo-server', () => {
  it('serves until signalled and prints where', async () => {
    const controller = new AbortController();
    let announce!: (line: string) => void;
    const announced = new Promise<string>((resolve) => (announce = resolve));
    const running = gwb(['demo-server', '--port', '0'], {
      signal: controller.signal,
      onStdout: (chunk) => announce(chunk),
    });
    const line = await announced;
    const match = /^Demo server listening on 127\.0\.0\.1:(\d+)\n/.exec(line);
    expect(match).not.toBeNull();
    const r = await gwb([
      '-plaintext',
      '-d',
      '{"id":"42"}',
      `127.0.0.1:${match?.[1]}`,
      'example.UserService/GetUser',
    ]);
    expect(JSON.parse(r.stdout)).toMatchObject({ name: 'Douglas Adams' });
    controller.abort();
    expect((await running).code).toBe(0);
  });

  it('refuses options it does not have and bad ports', async () => {
    const hint = "Try 'gwb demo-server --help' for more details.\n";
    expect(await gwb(['demo-server', '-plaintext'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `gwb demo-server: unknown option -plaintext (it takes --port, --host)\n${hint}`,
    });
    expect((await gwb(['demo-server', '--port', '70000'])).stderr).toBe(
      `gwb demo-server: --port must be a port number (0 picks a free one), not 70000\n${hint}`,
    );
    expect((await gwb(['demo-server', 'extra'])).stderr).toBe(
      `gwb demo-server: takes no arguments, got: extra\n${hint}`,
    );
  });
});
