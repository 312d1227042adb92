// `gwb run --data FILE` hands the file's path to the engine's runner, which reads it as the UI's
// runner has it read (main/runner/data-file.ts, one reader): a relative path is the shell's (from
// the current folder), errors name the file and its line, and nothing is sent when it is bad.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { openWorkspace, type Workspace } from '../../main/workspace/index.js';
import { removeDir, sampleRequest, tempDir } from '../../main/workspace/workspace.testkit.js';
import { gwb } from './cli.testkit.js';

let server: DemoServer;
let ws: Workspace;
let dataDir: string;
let files: string;
const savedDataDir = process.env.GWB_DATA_DIR;

const run = (...args: string[]) => gwb(['run', 'users', ...args, '--workspace', ws.dir]);

beforeAll(async () => {
  dataDir = tempDir('gwb-data-');
  files = tempDir('gwb-data-files-');
  process.env.GWB_DATA_DIR = dataDir;
  server = await startDemoServer({ port: 0 });
  ws = openWorkspace(tempDir());
  ws.saveRequest(
    'users/get',
    sampleRequest({
      connection: { address: `127.0.0.1:${server.port}`, security: { kind: 'plaintext' } },
      metadata: [],
      messages: [{ id: '{{userId}}' }],
      assertions: [{ expr: 'status.code == 0' }],
    }),
  );
});

afterAll(async () => {
  await server.close();
  if (savedDataDir === undefined) delete process.env.GWB_DATA_DIR;
  else process.env.GWB_DATA_DIR = savedDataDir;
  for (const dir of [ws.dir, dataDir, files]) removeDir(dir);
});

describe('gwb run --data', () => {
  it('a relative path starts in the current folder, not the workspace', async () => {
    const file = path.join(files, 'users.csv');
    writeFileSync(file, 'userId\n1\n3\n');
    // The same name in the workspace folder holds other rows: they must not be read.
    writeFileSync(path.join(ws.dir, 'users.csv'), 'userId\n2\n');
    const cwd = process.cwd();
    process.chdir(files);
    let result;
    try {
      result = await run('--data', 'users.csv', '--reporter', 'json');
    } finally {
      process.chdir(cwd);
    }
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      results: { responses: { name: string }[] }[];
    };
    expect(report.results.map((r) => r.responses[0]?.name)).toEqual([
      'Ada Lovelace',
      'Grace Hopper',
    ]);
    expect(result.code).toBe(0);
  });

  it('names the file and the row of a mistake, and a missing file', async () => {
    const file = path.join(files, 'bad.json');
    writeFileSync(file, '[{"userId": "1"}, {"userId": {"nested": true}}]');
    const bad = await run('--data', file);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(
      new RegExp(`^gwb: .*${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1: `),
    );
    expect(bad.stderr).toContain('row 2');
    const missing = await run('--data', path.join(files, 'none.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`${path.join(files, 'none.csv')}: no such file`);
  });
});
