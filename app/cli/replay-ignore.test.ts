import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { gwb } from './cli.testkit.js';
import { recordGetUser } from './get-user-call.testkit.js';
import { startChangedServer, type ChangedServer } from './replay.testkit.js';

// `gwb replay --ignore PATH`: a path that matches no field of either recording is named on stderr,
// so a typo cannot make a replay pass (or fail) while ignoring nothing.

let dir: string;
let demo: DemoServer;
/** GetUser answering with another name: the difference the ignore paths are about. */
let renaming: ChangedServer;
let recording: string;
let outs = 0;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-replay-ignore-'));
  [demo, renaming] = await Promise.all([startDemoServer({ port: 0 }), startChangedServer()]);
  recording = path.join(dir, 'user.ndjson');
  await recordGetUser(`127.0.0.1:${demo.port}`, recording);
}, 30_000);

afterAll(async () => {
  renaming?.close();
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

const replay = (...ignore: string[]) =>
  gwb([
    'replay',
    recording,
    '--target',
    `127.0.0.1:${renaming.port}`,
    '--speed=max',
    '--out',
    path.join(dir, `out-${++outs}.ndjson`),
    ...ignore.flatMap((p) => ['--ignore', p]),
  ]);

const warning = (p: string): string =>
  `gwb: warning: --ignore ${p} matched no field of either recording, so it ignored nothing (see gwb replay --help for the path syntax)\n`;

describe('gwb replay --ignore', () => {
  it('paths that match a field, at any depth or in the headers, say nothing', async () => {
    for (const paths of [['name'], ['**.name'], ['*'], ['id', 'name', 'headers.content-type']]) {
      const r = await replay(...paths);
      expect(r.stderr, paths.join(' ')).toBe('');
      expect(r.code, paths.join(' ')).toBe(0);
    }
  });

  it('names every path that matched nothing, on stderr, and still compares the rest', async () => {
    const r = await replay('nmae', 'name', '**.modRevision', 'headers.x-nope');
    expect(r.stderr).toBe(warning('nmae') + warning('**.modRevision') + warning('headers.x-nope'));
    // `name` was ignored, so the replay passes; the warnings do not change the verdict.
    expect(r.code).toBe(0);
    const typo = await replay('nmae');
    expect(typo.stderr).toBe(warning('nmae'));
    expect(typo.code).toBe(1);
    expect(typo.stdout).toContain('name: "Ada Lovelace" → "Ada Byron"');
  });

  it('--json carries the unmatched paths too', async () => {
    const r = await gwb([
      'replay',
      recording,
      '--target',
      `127.0.0.1:${renaming.port}`,
      '--speed=max',
      '--json',
      '--ignore',
      'events[*].kv.modRevision',
      '--out',
      path.join(dir, 'json.ndjson'),
    ]);
    expect(JSON.parse(r.stdout).unmatchedIgnore).toEqual(['events[*].kv.modRevision']);
    expect(r.stderr).toBe(warning('events[*].kv.modRevision'));
  });
});
