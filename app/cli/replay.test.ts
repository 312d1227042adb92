import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { makeTestCerts, type TestCerts } from '../../test/tls/certs.js';
import { gwb } from './cli.testkit.js';
import { startChangedServer, type ChangedServer } from './replay.testkit.js';

// `gwb replay` through the engine's recording.replay: recordings made with `gwb -record`, replayed
// against the same server, a changed one, and a TLS one with the flags a call takes.

let dir: string;
let demo: DemoServer;
let changed: ChangedServer;
let certs: TestCerts;
let tls: DemoServer;
let userFile: string;
let chatFile: string;
let tlsFile: string;
const file = (name: string): string => path.join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-replay-'));
  certs = makeTestCerts();
  [demo, changed, tls] = await Promise.all([
    startDemoServer({ port: 0 }),
    startChangedServer(),
    startDemoServer({ tls: certs.server }),
  ]);
  const target = `127.0.0.1:${demo.port}`;
  userFile = file('user file.ndjson');
  chatFile = file('chat.ndjson');
  tlsFile = file('tls.ndjson');
  const made = await Promise.all([
    gwb([
      '-plaintext',
      '-record',
      userFile,
      '-d',
      '{"id":"1"}',
      target,
      'example.UserService/GetUser',
    ]),
    gwb([
      '-plaintext',
      '-record',
      chatFile,
      '-d',
      '{"sender":"ann"} {"sender":"bob"}',
      target,
      'example.ChatService/Chat',
    ]),
    gwb([
      '-cacert',
      path.join(certs.dir, 'ca.crt'),
      '-record',
      tlsFile,
      '-d',
      '{"id":"2"}',
      `localhost:${tls.port}`,
      'example.UserService/GetUser',
    ]),
  ]);
  for (const r of made) expect(r.stderr).toBe('');
}, 30_000);

afterAll(async () => {
  changed?.close();
  await Promise.all([demo?.close(), tls?.close()]);
  certs?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('gwb replay', () => {
  it('exits 0 and says IDENTICAL against the same server (recorded address in plain text, original timing)', async () => {
    const r = await gwb(['replay', userFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^IDENTICAL: \/example\.UserService\/GetUser\n {2}recorded: .*user file\.ndjson\n {2}replayed: .*user file\.replay\.ndjson\n/,
    );
    expect(r.stdout).toMatch(/server messages: 1 matching, 0 differing, 0 missing, 0 extra/);
    // The replay's recording is where the summary says, and nothing else is left behind.
    expect(existsSync(file('user file.replay.ndjson'))).toBe(true);
    expect(readFileSync(file('user file.replay.ndjson'), 'utf8')).toContain('"replayOf"');
    expect(rmLeftovers()).toEqual([]);
  });

  it('a changed server is caught: exit 1 and the summary says which message and field', async () => {
    const r = await gwb([
      'replay',
      userFile,
      '--target',
      `127.0.0.1:${changed.port}`,
      '--speed',
      'max',
      '--out',
      file('user-changed.ndjson'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^DIFFERENT/);
    expect(r.stdout).toContain('server messages: 0 matching, 1 differing, 0 missing, 0 extra');
    expect(r.stdout).toContain('server message 1 differs');
    expect(r.stdout).toContain('name: "Ada Lovelace" → "Ada Byron"');
    const json = await gwb([
      'replay',
      userFile,
      '--target',
      `127.0.0.1:${changed.port}`,
      '--speed=max',
      '--json',
      '--out',
      file('user-changed-2.ndjson'),
    ]);
    expect(JSON.parse(json.stdout).messages[0].fields).toEqual([
      { path: 'name', a: 'Ada Lovelace', b: 'Ada Byron' },
    ]);
  });

  it('--ignore makes a known difference pass; an extra streamed message is reported', async () => {
    const ignored = await gwb([
      'replay',
      userFile,
      '--target',
      `127.0.0.1:${changed.port}`,
      '--speed=max',
      '--ignore',
      'name',
      '--out',
      file('user-ignored.ndjson'),
    ]);
    expect(ignored.code, ignored.stdout).toBe(0);
    const chat = await gwb([
      'replay',
      chatFile,
      '--target',
      `127.0.0.1:${changed.port}`,
      '--speed=max',
      '--out',
      file('chat-changed.ndjson'),
    ]);
    expect(chat.code).toBe(1);
    expect(chat.stdout).toContain('server messages: 2 matching, 0 differing, 0 missing, 1 extra');
    expect(chat.stdout).toContain('server message 3: extra in the replay');
  });

  it('takes the TLS flags of a call; without them it speaks plain text, as the UI does', async () => {
    const withCa = await gwb([
      'replay',
      tlsFile,
      '-cacert',
      path.join(certs.dir, 'ca.crt'),
      '--speed=max',
    ]);
    expect(withCa.stderr).toBe('');
    expect(withCa.stdout).toMatch(/^IDENTICAL: /);
    // Refused at once ("within N s" would mean the timeout came first, as a loaded machine let 1 s).
    const plain = await gwb(['replay', tlsFile, '--speed=max', '-connect-timeout', '10']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(
      /^gwb: .*failed to connect to localhost:\d+ \(is it up\? plaintext or TLS\?\)\n$/,
    );
    // Metadata instead of the recorded: the demo echoes x-echo-* headers back.
    const echoed = await gwb([
      'replay',
      tlsFile,
      '-insecure',
      '-H',
      'x-echo-token: fresh',
      '--speed=max',
      '--json',
    ]);
    expect(JSON.parse(echoed.stdout).identical).toBe(false);
    expect(echoed.stdout).toContain('x-echo-token');
  });

  it('bad input: exit 2 with the file (and line) named', async () => {
    const missing = await gwb(['replay', file('nope.ndjson')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^gwb: .*nope\.ndjson: no such file/);
    const broken = file('broken.ndjson');
    const lines = readFileSync(userFile, 'utf8').split('\n');
    lines[2] = '{"dir":"client", oops';
    writeFileSync(broken, lines.join('\n'));
    const corrupt = await gwb(['replay', broken, '--speed=max']);
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toMatch(/broken\.ndjson:3: not valid JSON/);
    expect(rmLeftovers()).toEqual([]);
  });
});

/** Working folders gwb replay made and did not remove. */
function rmLeftovers(): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('.gwb-replay-'));
}
