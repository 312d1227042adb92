#!/usr/bin/env node
// gwb side by side with the real grpcurl: the same command lines through `node bin/gwb.cjs` and
// through a grpcurl binary, against the demo server (and one without reflection). For each line:
// are the exit code and stdout identical? (stderr is shown when they are not; gwb's may say more.)
// Not part of npm test (grpcurl is not a dependency): `npm run compare:grpcurl`.
//
//   node scripts/grpcurl-compare.mjs [--grpcurl PATH] [--gwb PATH] [--only REGEX] [--all]
//     --grpcurl PATH   the grpcurl binary (or env GRPCURL; default /work/shared/tools/grpcurl)
//     --gwb PATH       the gwb launcher to run with node (default bin/gwb.cjs of this checkout)
//     --only REGEX     run only the lines whose text matches
//     --all            print every line's outputs, not only those that differ
//
// Needs `npm run build` first (bin/gwb.cjs loads dist/). The server without reflection and the
// one over TLS (certificates from the openssl CLI) are the demo server's source run through tsx;
// without tsx (or openssl) those lines are skipped.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { clearTimeout, setTimeout } from 'node:timers';
import { parseArgs } from 'node:util';

const repo = path.resolve(import.meta.dirname, '..');
const { values: opts } = parseArgs({
  options: {
    grpcurl: { type: 'string' },
    gwb: { type: 'string' },
    only: { type: 'string' },
    all: { type: 'boolean', default: false },
  },
});
const grpcurlBin = opts.grpcurl ?? process.env.GRPCURL ?? '/work/shared/tools/grpcurl';
const gwbBin = path.resolve(opts.gwb ?? path.join(repo, 'bin', 'gwb.cjs'));
const protos = path.join(repo, 'resources', 'protos');
const TIMEOUT_MS = 30_000;

if (!existsSync(grpcurlBin)) fail(`no grpcurl at ${grpcurlBin} (give --grpcurl PATH or GRPCURL)`);
const gwbDist = path.join(path.dirname(gwbBin), '..', 'dist', 'cli.cjs');
if (!existsSync(gwbDist)) fail(`gwb is not built (${gwbDist}): run npm run build`);

function fail(message) {
  process.stderr.write(`grpcurl-compare: ${message}\n`);
  process.exit(2);
}

/** Runs a program to its end: exit code, stdout, stderr. */
function run(command, args, stdin) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? `killed (${signal})`, stdout, stderr });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(stdin ?? '');
  });
}

/** Starts a long-running process and waits for the line that names its port. */
function startServer(command, args, portPattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: repo });
    let said = '';
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const port = portPattern.exec(line)?.[1];
      if (port) resolve({ port: Number(port), stop: () => child.kill('SIGTERM') });
    });
    child.stderr.on('data', (c) => (said += c));
    child.on('exit', (code) => reject(new Error(`${command} exited ${code}: ${said.trim()}`)));
    setTimeout(() => reject(new Error(`${command}: no port after 20 s: ${said.trim()}`)), 20_000);
  });
}

/** A port nothing listens on (bound, then released). */
function closedPort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Text that differs between any two runs (time), made equal before comparing.
const TIME_NORMALIZERS = [
  [/^date: .*$/gm, 'date: <date>'],
  [/"at": "[^"]*"/g, '"at": "<time>"'],
  // On purpose (README): grpc-js consumes this response header before any client code sees it,
  // so gwb -v cannot list it. Left out of both, so -v lines compare everything else.
  [/^grpc-accept-encoding: .*\n/gm, ''],
  // -vv's timing tree: the steps are compared, not how long they took.
  [/^( *)(Timing Data|Dial|TLS Setup|BlockingDial|InvokeRPC): \S+$/gm, '$1$2: <duration>'],
];
const normalize = (text) => TIME_NORMALIZERS.reduce((t, [re, to]) => t.replace(re, to), text);

/** Why gwb refuses a reserved header grpc-go drops without a word (decided, README). */
const RESERVED_HEADER =
  'gwb refuses a reserved header (grpc-*, content-type) with an error naming it; grpc-go drops it silently';

/**
 * Why gwb refuses `{{name}}` in a header where grpcurl sends it as typed (decided, README): it is a
 * gwb variable in every header of every command, so without an environment it has no value.
 */
const VARIABLE_HEADER =
  'gwb reads {{name}} in a header as its variable, also without an environment, where it is refused as unknown (exit 1, naming the header); grpcurl sends the text as typed';

/**
 * The command lines. ADDR is the demo server, BARE the one without reflection, CLOSED a port
 * nothing listens on. `expect` marks a line gwb differs on on purpose, with the reason.
 */
function commandLines(extraDir) {
  const P = ['-import-path', protos, '-proto', 'example.proto'];
  const X = ['-import-path', extraDir, '-proto', 'extra.proto'];
  const S = ['-protoset', path.join(extraDir, 'example.protoset')];
  const user = ['-d', '{"id":"1"}'];
  const A = [
    '-import-path',
    path.join(repo, 'main/codec/testdata/unknown-any'),
    '-proto',
    'bag.proto',
  ];
  const H = ['-proto', 'hidden.proto'];
  const M = [
    '-import-path',
    path.join(repo, 'main/codec/testdata/map-order'),
    '-proto',
    'maps.proto',
  ];
  /** @type {{ args: string[], stdin?: string, expect?: string, bare?: boolean, protoset?: boolean, any?: boolean, maps?: boolean, tls?: boolean }[]} */
  return [
    // Usage errors: exit 2, nothing on stdout.
    { args: [] },
    { args: ['-bogus'] },
    { args: ['--bogus=1', 'ADDR', 'list'] },
    { args: ['-max-time', 'x', 'ADDR', 'list'] },
    { args: ['-max-time', '-1', 'ADDR', 'list'] },
    { args: ['-max-time', '1.5s', 'ADDR', 'list'] },
    { args: ['-connect-timeout', 'x', 'ADDR', 'list'] },
    { args: ['-max-msg-sz', '1.5', 'ADDR', 'list'] },
    { args: ['-emit-defaults=maybe', 'ADDR', 'list'] },
    { args: ['-H'] },
    { args: ['-d'] },
    { args: ['a', 'b', 'c', 'd'] },
    { args: ['-plaintext', 'ADDR'] },
    { args: ['-plaintext', 'ADDR', 'list', 'a', 'b'] },
    { args: ['-plaintext', 'ADDR', 'describe', 'a', 'b'] },
    { args: ['-plaintext', 'ADDR', 'example.UserService/GetUser', 'extra'] },
    { args: ['-plaintext', '-insecure', 'ADDR', 'list'] },
    { args: ['-proto', 'a.proto', '-protoset', 'b.pb', 'list'] },
    { args: ['-cert', 'c.pem', 'ADDR', 'list'] },
    { args: ['-key', 'k.pem', 'ADDR', 'list'] },
    { args: ['-plaintext', '-cert', 'c.pem', '-key', 'k.pem', 'ADDR', 'list'] },
    { args: ['-use-reflection=false', '-plaintext', 'ADDR', 'list'] },
    { args: ['list'] },
    { args: ['describe'] },
    { args: ['-format', 'xml', 'ADDR', 'list'] },
    {
      args: ['-help'],
      expect: "gwb's own help text, on stdout (grpcurl writes its help to stderr)",
    },
    { args: ['-version'], expect: 'gwb prints its own name and version, on stdout' },
    // Addresses and connections.
    { args: ['-plaintext', 'localhost', 'list'] },
    { args: ['-plaintext', 'localhost', 'example.UserService/GetUser'] },
    { args: ['-plaintext', 'CLOSED', 'list'] },
    { args: ['-plaintext', ...user, 'CLOSED', 'example.UserService/GetUser'] },
    { args: ['CLOSED', 'list'] },
    { args: ['ADDR', 'list'] },
    { args: ['-plaintext', '-d', '{}', 'ADDR', 'list'] },
    { args: ['-plaintext', '-d', '', 'ADDR', 'list'] },
    // list and describe over reflection.
    { args: ['-plaintext', 'ADDR', 'list'] },
    { args: ['-plaintext', 'ADDR', 'list', 'example.UserService'] },
    { args: ['-plaintext', 'ADDR', 'list', 'example.ChatService'] },
    { args: ['-plaintext', 'ADDR', 'list', 'example.Nope'] },
    { args: ['-plaintext', 'ADDR', 'describe'] },
    { args: ['-plaintext', 'ADDR', 'describe', 'example.UserService'] },
    { args: ['-plaintext', 'ADDR', 'describe', 'example.UserService.GetUser'] },
    { args: ['-plaintext', 'ADDR', 'describe', 'example.User'] },
    { args: ['-plaintext', 'ADDR', 'describe', 'example.Record'] },
    { args: ['-plaintext', 'ADDR', 'describe', 'example.Record.value'] },
    { args: ['-plaintext', 'ADDR', 'describe', 'example.Record.key'] },
    { args: ['-plaintext', 'ADDR', 'describe', 'example.LogLine'] },
    { args: ['-plaintext', 'ADDR', 'describe', 'example.LogLine.Level'] },
    {
      args: ['-plaintext', 'ADDR', 'describe', 'example.LogLine.INFO'],
      expect:
        "gwb finds an enum value by its protobuf name also over reflection (grpcurl's reflection client does not)",
    },
    { args: ['-plaintext', 'ADDR', 'describe', 'example.LogLine.Level.INFO'] },
    { args: ['-plaintext', 'ADDR', 'describe', 'example.LogLine.FieldsEntry'] },
    { args: ['-plaintext', 'ADDR', 'describe', 'google.protobuf.Timestamp'] },
    { args: ['-plaintext', 'ADDR', 'describe', 'grpc.health.v1.Health'] },
    { args: ['-plaintext', 'ADDR', 'describe', 'example.Nope'] },
    { args: ['-plaintext', '-msg-template', 'ADDR', 'describe', 'example.Record'] },
    { args: ['-plaintext', '-msg-template', 'ADDR', 'describe', 'example.LogLine'] },
    // list and describe from files.
    { args: [...P, 'list'] },
    { args: [...P, 'list', 'example.LogService'] },
    { args: [...P, 'describe', 'example.User'] },
    {
      args: [...P, 'describe'],
      expect: "grpcurl's order changes from run to run (a Go map); gwb prints the file's order",
    },
    // Calls.
    { args: ['-plaintext', ...user, 'ADDR', 'example.UserService/GetUser'] },
    { args: ['-plaintext', ...user, 'ADDR', 'example.UserService.GetUser'] },
    { args: ['-plaintext', 'ADDR', 'example.UserService/GetUser'] },
    { args: ['-plaintext', '-d', '{"id":"999"}', 'ADDR', 'example.UserService/GetUser'] },
    {
      args: [
        '-plaintext',
        '-format-error',
        '-d',
        '{"id":"999"}',
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: [
        '-plaintext',
        '-format-error',
        '-d',
        '{"id":""}',
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: [
        '-plaintext',
        '-emit-defaults',
        '-d',
        '{"filename":"nope"}',
        'ADDR',
        'example.FileService/CheckFile',
      ],
    },
    {
      args: [
        '-plaintext',
        '-d',
        '{"filename":"data/huge.bin"}',
        'ADDR',
        'example.FileService/CheckFile',
      ],
    },
    {
      args: ['-plaintext', '-d', '{"lines":3,"interval_ms":1}', 'ADDR', 'example.LogService/Tail'],
    },
    {
      args: ['-plaintext', '-d', '{"lines":-1}', 'ADDR', 'example.LogService/Tail'],
    },
    {
      args: ['-plaintext', '-d', '@', 'ADDR', 'example.BatchService/Upload'],
      stdin: '{"key":"a","text":"x"}\n{"key":"b","number":2,"tags":["t"]}\n',
    },
    {
      args: ['-plaintext', '-d', '@', 'ADDR', 'example.ChatService/Chat'],
      stdin: '{"sender":"Ada"} {"sender":"Alan","content":"hi"}',
    },
    {
      args: ['-plaintext', '-d', '{"sender":"Ada"}', 'ADDR', 'example.ChatService/Chat'],
    },
    {
      args: [
        '-plaintext',
        '-v',
        '-H',
        'x-echo-a: 1',
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: ['-plaintext', '-v', '-H', 'x-echo-b', ...user, 'ADDR', 'example.UserService/GetUser'],
    },
    { args: ['-plaintext', '-d', '{bad', 'ADDR', 'example.UserService/GetUser'] },
    { args: ['-plaintext', '-d', '{"idd":"1"}', 'ADDR', 'example.UserService/GetUser'] },
    {
      args: [
        '-plaintext',
        '-allow-unknown-fields',
        '-d',
        '{"idd":"1"}',
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    { args: ['-plaintext', '-d', '{"id":1}', 'ADDR', 'example.UserService/GetUser'] },
    { args: ['-plaintext', ...user, 'ADDR', 'example.UserService/Nope'] },
    { args: ['-plaintext', ...user, 'ADDR', 'example.Nope/Get'] },
    {
      args: [
        '-plaintext',
        '-max-time',
        '0.5',
        '-d',
        '{"lines":3,"interval_ms":5000}',
        'ADDR',
        'example.LogService/Tail',
      ],
    },
    {
      args: [
        '-plaintext',
        '-format',
        'text',
        '-d',
        'id: "1"',
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: [
        '-plaintext',
        '-format',
        'text',
        '-d',
        'id: "999"',
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    { args: ['-plaintext', '-format', 'text', 'ADDR', 'describe', 'example.User'] },
    { args: ['-plaintext', '-connect-timeout', '1', 'CLOSED', 'list'] },
    { args: ['-plaintext', ...P, ...user, 'ADDR', 'example.UserService/GetUser'] },
    // Reflection and files together: the list is the server's, a file's service is found by name.
    { args: ['-plaintext', '-use-reflection', ...X, 'ADDR', 'list'] },
    { args: ['-plaintext', '-use-reflection', ...X, 'ADDR', 'list', 'extra.Extra'] },
    { args: ['-plaintext', '-use-reflection', ...X, 'ADDR', 'describe', 'extra.E'] },
    // More flags.
    {
      args: ['-plaintext', 'ADDR', 'list', '-v'],
      expect: 'gwb also reads flags after the arguments',
    },
    { args: ['-plaintext', ':PORT', 'list'] },
    { args: ['-plaintext', '::1', 'list'] },
    { args: ['-plaintext', '-authority', 'example.test', 'ADDR', 'list'] },
    { args: ['-plaintext', '-reflect-header', 'x-a: 1', '-rpc-header', 'x-b: 2', 'ADDR', 'list'] },
    { args: ['-plaintext', '-H', 'bad key: v', ...user, 'ADDR', 'example.UserService/GetUser'] },
    { args: ['-plaintext', '-max-msg-sz', '10', ...user, 'ADDR', 'example.UserService/GetUser'] },
    { args: ['-plaintext', '-max-time', '5', ...user, 'ADDR', 'example.UserService/GetUser'] },
    {
      args: [
        '-plaintext',
        '-emit-defaults',
        '-d',
        '{"sender":""}',
        'ADDR',
        'example.ChatService/Chat',
      ],
    },
    {
      args: ['-plaintext', '-d', '@', 'ADDR', 'example.BatchService/Upload'],
      stdin: '{"key":"a"} {"key":"b","number":"x"}',
    },
    {
      args: ['-plaintext', '-d', '@', 'ADDR', 'example.BatchService/Upload'],
      stdin: '{"key":"a"} {"key":',
    },
    {
      args: [
        '-plaintext',
        '-d',
        '{"key":"a","text":"x","number":1}',
        'ADDR',
        'example.BatchService/Upload',
      ],
      expect: 'gwb refuses two members of one oneof (grpcurl keeps the last)',
    },
    { args: ['-plaintext', '-use-reflection=false', ...P, 'ADDR', 'list'] },
    // A descriptor set (written by grpcurl -protoset-out from the demo server).
    { protoset: true, args: [...S, 'list'] },
    { protoset: true, args: [...S, 'describe', 'example.LogLine'] },
    { protoset: true, args: ['-plaintext', ...S, ...user, 'ADDR', 'example.UserService/GetUser'] },
    { protoset: true, args: ['-plaintext', ...S, ...user, 'BARE', 'example.UserService/GetUser'] },
    // Any payloads whose types the schema does not have (and does, with hidden.proto).
    { any: true, args: ['-plaintext', ...A, 'ANY', 'gwb.anytest.BagService/Get'] },
    { any: true, args: ['-plaintext', ...A, 'ANY', 'gwb.anytest.BagService/Watch'] },
    { any: true, args: ['-plaintext', ...A, 'ANY', 'gwb.anytest.BagService/Fail'] },
    {
      any: true,
      args: ['-plaintext', '-format-error', ...A, 'ANY', 'gwb.anytest.BagService/Fail'],
    },
    { any: true, args: ['-plaintext', ...A, ...H, 'ANY', 'gwb.anytest.BagService/Get'] },
    // Maps of every key kind sent out of order, a Struct, an Any packing a type that only the
    // server's reflection knows (gwb.packed.Payload, in no listed service's file) and one of a
    // type nobody knows.
    { maps: true, args: ['-plaintext', 'MAPS', 'gwb.maptest.MapService/Get'] },
    { maps: true, args: ['-plaintext', 'MAPS', 'describe', 'gwb.packed.Payload'] },
    { maps: true, args: ['-plaintext', ...M, 'MAPS', 'gwb.maptest.MapService/Get'] },
    // Flag spellings Go's flag package takes: two dashes, name=value, a bool's value.
    { args: ['--plaintext', 'ADDR', 'list'] },
    { args: ['--plaintext=true', 'ADDR', 'list'] },
    { args: ['-plaintext=1', 'ADDR', 'list'] },
    { args: ['-plaintext=T', 'ADDR', 'list'] },
    { args: ['-plaintext', '--', 'ADDR', 'list'] },
    { args: ['-plaintext', '-d=@', 'ADDR', 'example.UserService/GetUser'], stdin: '{"id":"1"}' },
    { args: ['-plaintext', '-d={"id":"1"}', 'ADDR', 'example.UserService/GetUser'] },
    { args: ['-plaintext', '--d', '{"id":"1"}', 'ADDR', 'example.UserService/GetUser'] },
    {
      args: ['-plaintext', '-v', '-H=x-echo-a: 1', ...user, 'ADDR', 'example.UserService/GetUser'],
    },
    { args: ['-plaintext', '-max-time=5', ...user, 'ADDR', 'example.UserService/GetUser'] },
    { args: ['-plaintext', '-format=text', ...user, 'ADDR', 'example.UserService/GetUser'] },
    { args: ['-plaintext', '-d'] },
    { args: ['-plaintext', '-plaintext=maybe', 'ADDR', 'list'] },
    // -max-msg-sz: the largest message received, reflection's answers included.
    { args: ['-plaintext', '-max-msg-sz', '10', 'ADDR', 'list'] },
    { args: ['-plaintext', '-max-msg-sz', '10', 'ADDR', 'describe', 'example.User'] },
    {
      args: [
        '-plaintext',
        '-max-msg-sz',
        '10',
        ...P,
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    { args: ['-plaintext', '-max-msg-sz', '0', ...user, 'ADDR', 'example.UserService/GetUser'] },
    { args: ['-plaintext', '-max-msg-sz', '-1', ...user, 'ADDR', 'example.UserService/GetUser'] },
    {
      args: [
        '-plaintext',
        '-max-msg-sz',
        '19',
        ...P,
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: [
        '-plaintext',
        '-max-msg-sz',
        '18',
        ...P,
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    // -connect-timeout and -keepalive-time.
    { args: ['-plaintext', '-connect-timeout', '0', 'ADDR', 'list'] },
    { args: ['-plaintext', '-connect-timeout', '-1', 'ADDR', 'list'] },
    {
      args: ['-plaintext', '-connect-timeout', '5', ...user, 'ADDR', 'example.UserService/GetUser'],
    },
    {
      args: ['-plaintext', '-keepalive-time', '10', ...user, 'ADDR', 'example.UserService/GetUser'],
    },
    { args: ['-plaintext', '-keepalive-time', '-1', 'ADDR', 'list'] },
    { args: ['-plaintext', '-keepalive-time', 'x', 'ADDR', 'list'] },
    // Which headers go where: -rpc-header only with the call, -reflect-header only to reflection.
    {
      args: [
        '-plaintext',
        '-v',
        '-rpc-header',
        'x-echo-r: 1',
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: [
        '-plaintext',
        '-v',
        '-reflect-header',
        'x-echo-f: 1',
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: [
        '-plaintext',
        '-v',
        '-H',
        'x-echo-a: 1',
        '-H',
        'x-echo-a: 2',
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: [
        '-plaintext',
        '-v',
        '-H',
        'X-Echo-Case:  spaced ',
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: [
        '-plaintext',
        '-v',
        '-H',
        'x-echo-bin: aGVsbG8=',
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: ['-plaintext', '-H', 'x-echo-bin: !!', ...user, 'ADDR', 'example.UserService/GetUser'],
    },
    // -expand-headers: ${NAME} from the environment (GRPCURL_COMPARE_HEADER is set below).
    {
      args: [
        '-plaintext',
        '-v',
        '-expand-headers',
        '-H',
        'x-echo-e: ${GRPCURL_COMPARE_HEADER}',
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: [
        '-plaintext',
        '-v',
        '-H',
        'x-echo-e: ${GRPCURL_COMPARE_HEADER}',
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: [
        '-plaintext',
        '-expand-headers',
        '-H',
        'x-echo-e: ${GRPCURL_COMPARE_UNSET}',
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    // The command line's argument count is checked before any header is expanded: too few or
    // too many is a usage error (exit 2) even with an unset variable; then the expansion fails
    // (exit 1) before anything is dialled (no -plaintext, no server at localhost's port).
    { args: ['-expand-headers', '-H', 'a: ${UNSET_XYZ}'] },
    { args: ['-expand-headers', '-H', 'a: ${UNSET_XYZ}', '-plaintext', 'a', 'b', 'c', 'd'] },
    { args: ['-expand-headers', '-H', 'a: ${UNSET_XYZ}', 'localhost', 'list'] },
    // -allow-unknown-fields, -emit-defaults, -format-error in more places.
    {
      args: [
        '-plaintext',
        '-allow-unknown-fields',
        '-d',
        '{"id":"1","x":{"y":[1,2]}}',
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: [
        '-plaintext',
        '-allow-unknown-fields',
        '-format',
        'text',
        '-d',
        'id: "1" nope: 2',
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: [
        '-plaintext',
        '-format',
        'text',
        '-d',
        'id: "1" nope: 2',
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: [
        '-plaintext',
        '-allow-unknown-fields',
        '-d',
        '@',
        'ADDR',
        'example.BatchService/Upload',
      ],
      stdin: '{"key":"a","zz":1} {"key":"b"}',
    },
    { args: ['-plaintext', '-emit-defaults', ...user, 'ADDR', 'example.UserService/GetUser'] },
    {
      args: [
        '-plaintext',
        '-emit-defaults',
        '-d',
        '{"filename":"nope"}',
        '-format',
        'text',
        'ADDR',
        'example.FileService/CheckFile',
      ],
    },
    {
      args: ['-plaintext', '-emit-defaults', '-d', '@', 'ADDR', 'example.BatchService/Upload'],
      stdin: '',
    },
    {
      args: [
        '-plaintext',
        '-format-error',
        '-format',
        'text',
        '-d',
        'id: "999"',
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    { args: ['-plaintext', '-format-error', ...user, 'ADDR', 'example.UserService/Nope'] },
    { args: ['-plaintext', '-format-error', '-d', '{bad', 'ADDR', 'example.UserService/GetUser'] },
    { args: ['-plaintext', '-format-error', ...user, 'CLOSED', 'example.UserService/GetUser'] },
    // -v and -vv.
    { args: ['-plaintext', '-v', ...user, 'ADDR', 'example.UserService/GetUser'] },
    {
      args: [
        '-plaintext',
        '-v',
        '-d',
        '{"lines":2,"interval_ms":1}',
        'ADDR',
        'example.LogService/Tail',
      ],
    },
    { args: ['-plaintext', '-v', '-d', '{"id":"999"}', 'ADDR', 'example.UserService/GetUser'] },
    { args: ['-plaintext', '-v', 'ADDR', 'list'] },
    { args: ['-plaintext', '-v', 'ADDR', 'describe', 'example.User'] },
    { args: ['-plaintext', '-vv', ...user, 'ADDR', 'example.UserService/GetUser'] },
    { args: ['-plaintext', '-vv', 'ADDR', 'list'] },
    { args: ['-plaintext', '-H', '', '-reflect-header', '', 'ADDR', 'list'] },
    { args: ['-vv', ...P, 'list'] },
    { args: ['-plaintext', '-vv', 'ADDR', 'describe', 'example.User'] },
    { args: ['-plaintext', '-vv', '-d', '{"id":"999"}', 'ADDR', 'example.UserService/GetUser'] },
    { args: ['-plaintext', '-vv', ...P, ...user, 'ADDR', 'example.UserService/GetUser'] },
    // -vv over TLS: Dial holds "TLS Setup" before BlockingDial (TLSADDR: the demo server over TLS,
    // its certificate signed by EXTRA/ca.crt).
    {
      tls: true,
      args: ['-vv', '-cacert', 'CA', ...user, 'TLSADDR', 'example.UserService/GetUser'],
    },
    { tls: true, args: ['-vv', '-insecure', 'TLSADDR', 'list'] },
    { tls: true, args: ['-vv', '-cacert', 'CA', 'TLSADDR', 'describe', 'example.User'] },
    {
      tls: true,
      args: ['-vv', '-insecure', ...P, ...user, 'TLSADDR', 'example.UserService/GetUser'],
    },
    { tls: true, args: ['-v', '-cacert', 'CA', ...user, 'TLSADDR', 'example.UserService/GetUser'] },
    {
      args: [
        '-plaintext',
        '-v',
        '-H',
        'x-echo-bin: not base64!',
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    // describe of well-known types (the demo's Timestamp, the maps server's Struct and Any).
    { args: ['-plaintext', 'ADDR', 'describe', 'google.protobuf.Timestamp.seconds'] },
    { args: ['-plaintext', 'ADDR', 'describe', '.google.protobuf.Timestamp'] },
    { args: ['-plaintext', '-msg-template', 'ADDR', 'describe', 'google.protobuf.Timestamp'] },
    { args: ['-plaintext', 'ADDR', 'describe', 'google.protobuf.Duration'] },
    {
      args: ['-plaintext', 'ADDR', 'describe', 'grpc.health.v1.HealthCheckResponse.ServingStatus'],
    },
    { args: ['-plaintext', 'ADDR', 'describe', 'grpc.reflection.v1.ServerReflection'] },
    { args: ['-plaintext', 'ADDR', 'list', 'grpc.reflection.v1alpha.ServerReflection'] },
    { maps: true, args: ['-plaintext', 'MAPS', 'describe', 'google.protobuf.Struct'] },
    { maps: true, args: ['-plaintext', 'MAPS', 'describe', 'google.protobuf.Value'] },
    { maps: true, args: ['-plaintext', 'MAPS', 'describe', 'google.protobuf.Value.kind'] },
    { maps: true, args: ['-plaintext', 'MAPS', 'describe', 'google.protobuf.NullValue'] },
    { maps: true, args: ['-plaintext', 'MAPS', 'describe', 'google.protobuf.Any'] },
    {
      maps: true,
      args: ['-plaintext', '-msg-template', 'MAPS', 'describe', 'google.protobuf.Value'],
    },
    { args: ['-proto', 'google/protobuf/duration.proto', 'describe', 'google.protobuf.Duration'] },
    { args: ['-proto', 'google/protobuf/empty.proto', 'list'] },
    { args: [...P, 'describe', 'google.protobuf.Timestamp'] },
    {
      args: ['-plaintext', 'ADDR', 'describe', 'grpc.health.v1.HealthCheckResponse.SERVING'],
      expect:
        "gwb finds an enum value by its protobuf name also over reflection (grpcurl's reflection client does not)",
    },
    // A service of several methods: grpcurl sorts their names.
    { args: ['-plaintext', 'ADDR', 'list', 'grpc.health.v1.Health'] },
    // Headers grpc-go leaves out silently (reserved) or sends as they are (-bin text not base64).
    {
      args: ['-plaintext', '-H', 'grpc-timeout: 1S', 'ADDR', 'list'],
      expect: RESERVED_HEADER,
    },
    {
      args: [
        '-plaintext',
        '-H',
        'content-type: text/plain',
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
      expect: RESERVED_HEADER,
    },
    { args: ['-plaintext', '-H', 'x-bin: !!', 'ADDR', 'describe', 'example.User'] },
    // {{name}} in a header is a gwb variable, in a -bin header too (other text no base64 alphabet
    // decodes is sent as typed there, as grpcurl does).
    {
      args: [
        '-plaintext',
        '-H',
        'x-echo-bin: {{token}}',
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
      expect: VARIABLE_HEADER,
    },
    {
      args: [
        '-plaintext',
        '-H',
        'x-echo: {{token}}',
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
      expect: VARIABLE_HEADER,
    },
    { args: ['-plaintext', '-user-agent', 'compare/1', 'ADDR', 'list'] },
    {
      args: ['-plaintext', '-unix', 'ADDR', 'list'],
      expect:
        'grpcurl 1.9.2-1.9.3 dial TCP despite -unix (fullstorydev/grpcurl#496, fixed after 1.9.3 by #498); gwb dials the socket',
    },
    // -bin values as grpcurl reads them: any of four base64 alphabets, shown re-encoded by -v.
    {
      args: [
        '-plaintext',
        '-v',
        '-H',
        'x-echo-bin: aGVsbG8',
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: [
        '-plaintext',
        '-v',
        '-H',
        'x-echo-bin: P_8-',
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    {
      args: [
        '-plaintext',
        '-v',
        '-H',
        'x-echo-bin: aGk=aGk=',
        ...user,
        'ADDR',
        'example.UserService/GetUser',
      ],
    },
    // Files with no service, and a service with no methods (nosvc.proto, nothing.proto, written below).
    { args: ['-import-path', 'EXTRA', '-proto', 'nosvc.proto', 'list'] },
    { args: ['-import-path', 'EXTRA', '-proto', 'nothing.proto', 'list'] },
    { args: ['-import-path', 'EXTRA', '-proto', 'nothing.proto', 'list', 'nothing.Nothing'] },
    { args: ['-import-path', 'EXTRA', '-proto', 'nothing.proto', 'describe', 'nothing.Nothing'] },
    { args: ['-import-path', 'EXTRA', '-proto', 'nothing.proto', 'describe'] },
    {
      args: [
        '-plaintext',
        '-use-reflection',
        '-import-path',
        'EXTRA',
        '-proto',
        'nothing.proto',
        'ADDR',
        'list',
        'nothing.Nothing',
      ],
    },
    // A server without reflection.
    { bare: true, args: ['-plaintext', 'BARE', 'list'] },
    { bare: true, args: ['-plaintext', ...user, 'BARE', 'example.UserService/GetUser'] },
    { bare: true, args: ['-plaintext', ...P, ...user, 'BARE', 'example.UserService/GetUser'] },
    { bare: true, args: ['-plaintext', '-use-reflection', ...P, 'BARE', 'list'] },
    { bare: true, args: ['-plaintext', '-use-reflection', ...P, 'BARE', 'describe'] },
    {
      bare: true,
      args: ['-plaintext', '-use-reflection', ...P, 'BARE', 'describe', 'example.User'],
    },
    {
      bare: true,
      args: ['-plaintext', '-use-reflection', ...P, 'BARE', 'list', 'example.UserService'],
    },
    {
      bare: true,
      args: ['-plaintext', '-use-reflection', ...P, ...user, 'BARE', 'example.UserService/GetUser'],
    },
  ];
}

/** Shell-like text of a command line, for the report. */
const shown = (args) =>
  args
    .map((a) => (a === '' || /[^\w@%+=:,./-]/.test(a) ? `'${a.replace(/'/g, `'\\''`)}'` : a))
    .join(' ');

const indent = (text) =>
  text === '' ? '    (empty)\n' : text.replace(/^/gm, '    ').replace(/\n?$/, '\n');

/** Runs a piece of the project's TypeScript (through tsx) that starts a server and prints its port. */
function startTsServer(code) {
  return startServer(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', code],
    /on port (\d+)/,
  );
}

const startBare = () =>
  startTsServer(`import { startDemoServer } from ${JSON.stringify(path.join(repo, 'main/demo/demo-server.ts'))};
const s = await startDemoServer({ reflection: false });
console.log('bare on port ' + s.port);
process.on('SIGTERM', () => s.close().then(() => process.exit(0)));`);

/** The test server whose answers hold Any payloads of types its own file does not import. */
/** The test server with maps and a type only its reflection knows (main/codec/map-order.testkit.ts). */
const startMapsServer = () =>
  startTsServer(`import { startMapServer } from ${JSON.stringify(path.join(repo, 'main/codec/map-order.testkit.ts'))};
const s = await startMapServer();
console.log('maps on port ' + s.address.split(':').pop());
process.on('SIGTERM', () => { s.close(); process.exit(0); });`);

/** The demo server over TLS, with test certificates (test/tls/certs.ts); the CA written to `caFile`. */
const startTlsServer = (caFile) =>
  startTsServer(`import { writeFileSync } from 'node:fs';
import { startDemoServer } from ${JSON.stringify(path.join(repo, 'main/demo/demo-server.ts'))};
import { makeTestCerts } from ${JSON.stringify(path.join(repo, 'test/tls/certs.ts'))};
const certs = makeTestCerts();
writeFileSync(${JSON.stringify(caFile)}, certs.ca.cert);
const s = await startDemoServer({ tls: certs.server });
console.log('tls on port ' + s.port);
process.on('SIGTERM', () => s.close().then(() => { certs.cleanup(); process.exit(0); }));`);

const startAnyServer = () =>
  startTsServer(`import { startBagServer } from ${JSON.stringify(path.join(repo, 'main/codec/unknown-any.testkit.ts'))};
const s = await startBagServer();
console.log('any on port ' + s.address.split(':').pop());
process.on('SIGTERM', () => { s.close(); process.exit(0); });`);

async function main() {
  const demo = await startServer(
    process.execPath,
    [gwbBin, 'demo-server', '--port', '0'],
    /listening on [^\s]*:(\d+)/,
  );
  let bare;
  try {
    bare = await startBare();
  } catch (error) {
    process.stdout.write(
      `(no server without reflection: ${error.message.split('\n')[0]}; its lines are skipped)\n`,
    );
  }
  let anyServer;
  try {
    anyServer = await startAnyServer();
  } catch (error) {
    process.stdout.write(
      `(no Any server: ${error.message.split('\n')[0]}; its lines are skipped)\n`,
    );
  }
  let mapsServer;
  try {
    mapsServer = await startMapsServer();
  } catch (error) {
    process.stdout.write(
      `(no maps server: ${error.message.split('\n')[0]}; its lines are skipped)\n`,
    );
  }
  const closed = await closedPort();
  // A service the demo server does not have, for -use-reflection with files.
  const extraDir = mkdtempSync(path.join(tmpdir(), 'grpcurl-compare-'));
  writeFileSync(
    path.join(extraDir, 'extra.proto'),
    'syntax = "proto3";\npackage extra;\nmessage E {}\nservice Extra { rpc Do (E) returns (E); }\n',
  );
  // A service with no methods, for list and describe.
  writeFileSync(
    path.join(extraDir, 'nothing.proto'),
    'syntax = "proto3";\npackage nothing;\nservice Nothing {}\n',
  );
  writeFileSync(
    path.join(extraDir, 'nosvc.proto'),
    'syntax = "proto3";\npackage nosvc;\nmessage M {}\n',
  );
  const caFile = path.join(extraDir, 'ca.crt');
  let tlsServer;
  try {
    tlsServer = await startTlsServer(caFile);
  } catch (error) {
    process.stdout.write(
      `(no TLS server: ${error.message.split('\n')[0]}; its lines are skipped)\n`,
    );
  }
  // What -expand-headers reads (both programs inherit this environment).
  process.env.GRPCURL_COMPARE_HEADER = 'from-env';
  delete process.env.GRPCURL_COMPARE_UNSET;
  delete process.env.UNSET_XYZ;
  const protosetRun = await run(grpcurlBin, [
    '-plaintext',
    '-protoset-out',
    path.join(extraDir, 'example.protoset'),
    `127.0.0.1:${demo.port}`,
    'describe',
  ]);
  const protoset = protosetRun.code === 0;
  if (!protoset) process.stdout.write(`(no descriptor set: ${protosetRun.stderr.trim()})\n`);
  const only = opts.only ? new RegExp(opts.only) : undefined;
  const counts = { same: 0, differ: 0, expected: 0, skipped: 0 };
  try {
    for (const line of commandLines(extraDir)) {
      const args = line.args.map((a) =>
        a === 'ADDR'
          ? `127.0.0.1:${demo.port}`
          : a === 'ANY'
            ? `127.0.0.1:${anyServer?.port}`
            : a === 'MAPS'
              ? `127.0.0.1:${mapsServer?.port}`
              : a === 'TLSADDR'
                ? `localhost:${tlsServer?.port}`
                : a === 'CA'
                  ? caFile
                  : a === ':PORT'
                    ? `:${demo.port}`
                    : a === 'BARE'
                      ? `127.0.0.1:${bare?.port}`
                      : a === 'CLOSED'
                        ? `127.0.0.1:${closed}`
                        : a === 'EXTRA'
                          ? extraDir
                          : a,
      );
      const text = shown(line.args);
      if (only && !only.test(text)) continue;
      const missing = (line.bare && !bare) || (line.protoset && !protoset);
      const serverMissing =
        (line.any && !anyServer) || (line.maps && !mapsServer) || (line.tls && !tlsServer);
      if (missing || serverMissing) {
        counts.skipped++;
        continue;
      }
      const [g, w] = await Promise.all([
        run(grpcurlBin, args, line.stdin),
        run(process.execPath, [gwbBin, ...args], line.stdin),
      ]);
      const same = g.code === w.code && normalize(g.stdout) === normalize(w.stdout);
      const verdict = same ? 'SAME    ' : line.expect ? 'EXPECTED' : 'DIFFERS ';
      counts[same ? 'same' : line.expect ? 'expected' : 'differ']++;
      process.stdout.write(`${verdict} exit ${g.code}/${w.code}  ${text}\n`);
      if (!same && line.expect) process.stdout.write(`    (on purpose: ${line.expect})\n`);
      if ((!same && !line.expect) || opts.all) {
        if (normalize(g.stdout) !== normalize(w.stdout) || opts.all) {
          process.stdout.write(
            `  grpcurl stdout:\n${indent(g.stdout)}  gwb stdout:\n${indent(w.stdout)}`,
          );
        }
        process.stdout.write(
          `  grpcurl stderr:\n${indent(g.stderr.split('\n').slice(0, 6).join('\n'))}`,
        );
        process.stdout.write(
          `  gwb stderr:\n${indent(w.stderr.split('\n').slice(0, 6).join('\n'))}`,
        );
      }
    }
  } finally {
    demo.stop();
    bare?.stop();
    anyServer?.stop();
    mapsServer?.stop();
    tlsServer?.stop();
    rmSync(extraDir, { recursive: true, force: true });
  }
  process.stdout.write(
    `\n${counts.same} same, ${counts.differ} differ, ${counts.expected} differ on purpose` +
      `${counts.skipped ? `, ${counts.skipped} skipped` : ''} (exit code and stdout; grpcurl ${grpcurlBin})\n`,
  );
  return counts.differ === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => fail(error.stack ?? String(error)),
);
