import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { gwb, jsonMessages } from './cli.testkit.js';

// -record, replay and mock through gwb, against the demo server.
let demo: DemoServer;
let target: string;
let dir: string;

beforeAll(async () => {
  demo = await startDemoServer({});
  target = `127.0.0.1:${demo.port}`;
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-'));
});

afterAll(async () => {
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('gwb recordings', () => {
  it('records a call with -record, replays it identically, and mocks it', async () => {
    const file = path.join(dir, 'chat.ndjson');
    const chat = ['-d', '{"sender":"Ada"} {"sender":"Alan"}', 'example.ChatService/Chat'];
    const recorded = await gwb(['-plaintext', '-record', file, '-d', chat[1]!, target, chat[2]!]);
    expect(recorded.code).toBe(0);
    expect(jsonMessages(recorded.stdout)).toHaveLength(2);
    const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0] ?? '') as Record<
      string,
      unknown
    >;
    expect(JSON.stringify(header)).toContain('/example.ChatService/Chat');

    const replay = await gwb(['replay', file, '--target', target, '--plaintext', '--speed', 'max']);
    expect(replay.stderr).toBe('');
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/^IDENTICAL: /);

    const controller = new AbortController();
    let announce!: (text: string) => void;
    const announced = new Promise<string>((resolve) => (announce = resolve));
    let mockOut = '';
    const mock = gwb(['mock', file, '--port', '0'], {
      signal: controller.signal,
      onStdout: (text) => {
        mockOut += text;
        announce(text);
      },
    });
    const port = /listening on 127\.0\.0\.1:(\d+)/.exec(await announced)?.[1];
    expect(port).toBeDefined();
    const fromMock = await gwb(['-plaintext', '-d', chat[1]!, `127.0.0.1:${port}`, chat[2]!]);
    expect(jsonMessages(fromMock.stdout)).toEqual(jsonMessages(recorded.stdout));
    controller.abort();
    expect((await mock).code).toBe(0);
    // Each call says which recording answered it.
    expect(mockOut).toMatch(/\/example\.ChatService\/Chat <- .*chat\.ndjson/);
  });

  it('exits 1 when the replay differs, 0 when the differing fields are ignored', async () => {
    const file = path.join(dir, 'tail.ndjson');
    const recorded = await gwb([
      '-plaintext',
      '-record',
      file,
      '-d',
      '{"lines":2,"interval_ms":1}',
      target,
      'example.LogService/Tail',
    ]);
    expect(recorded.code).toBe(0);
    const differs = await gwb(['replay', file, '--target', target, '--plaintext', '--speed=max']);
    expect(differs.code).toBe(1);
    expect(differs.stdout).toMatch(/^DIFFERENT: /);
    const same = await gwb(['replay', file, '--plaintext', '--speed=max', '--ignore', 'at']);
    expect(same.stdout).toMatch(/^IDENTICAL: /);
    expect(same.code).toBe(0);
  });

  it('says what is wrong with a replay or mock in one line', async () => {
    const missing = await gwb(['replay', path.join(dir, 'nope.ndjson'), '--plaintext']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^gwb: .*nope\.ndjson.*\n$/);
    const replayHint = "Try 'gwb replay --help' for more details.\n";
    expect(await gwb(['replay'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `gwb replay: needs a RECORDING file\n${replayHint}`,
    });
    expect((await gwb(['replay', 'x', '--speed', 'fast'])).stderr).toBe(
      `gwb replay: --speed is a number from 0.001 to 1000000 (1 = as recorded) or max, not fast\n${replayHint}`,
    );
    // A speed near zero made every wait Infinity and the player spin forever.
    expect((await gwb(['mock', 'x', '--speed', '5e-324'])).stderr).toBe(
      "gwb mock: --speed is a number from 0.001 to 1000000 (1 = as recorded) or max, not 5e-324\nTry 'gwb mock --help' for more details.\n",
    );
    const badMock = await gwb(['mock', path.join(dir, 'nope.ndjson')]);
    expect(badMock.code).toBe(1);
    expect(badMock.stderr).toMatch(/^gwb: .*nope\.ndjson.*\n$/);
  });

  it('refuses -record to a place it cannot write, before calling', async () => {
    const r = await gwb([
      '-plaintext',
      '-record',
      path.join(dir, 'no', 'such', 'dir', 'x.ndjson'),
      '-d',
      '{"id":"1"}',
      target,
      'example.UserService/GetUser',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^gwb: .*x\.ndjson.*\n$/);
  });

  it('leaves no file, and an existing recording as it was, when the command stops before calling', async () => {
    const fresh = path.join(dir, 'fresh.ndjson');
    const typo = await gwb(['-plaintext', '-record', fresh, target, 'example.UserService/Nope']);
    expect(typo.code).toBe(1);
    expect(existsSync(fresh)).toBe(false);
    const kept = path.join(dir, 'kept.ndjson');
    writeFileSync(kept, 'an earlier recording\n');
    const bad = await gwb([
      '-plaintext',
      '-record',
      kept,
      '-d',
      '{"idd":1}',
      target,
      'example.UserService/GetUser',
    ]);
    expect(bad.code).toBe(1);
    expect(readFileSync(kept, 'utf8')).toBe('an earlier recording\n');
  });
});
