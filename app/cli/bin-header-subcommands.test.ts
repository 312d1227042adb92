// A -H value for a -bin key that is not base64 is sent as its text (grpcurl's rule, headerRow),
// and gwb says so on stderr. The call line said it; `gwb load`, `gwb request run`, `gwb run` and
// `gwb replay` converted the value without a word. Each now warns as the call line does, against
// the real demo server, the call still made (exit 0).
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { resourcePath } from '../../main/resources.js';
import type { Workspace } from '../../main/workspace/index.js';
import { removeDir, sampleRequest, tempDir } from '../../main/workspace/workspace.testkit.js';
import { gwb } from './cli.testkit.js';
import { getUserArgs, recordGetUser } from './get-user-call.testkit.js';
import { openSecretWorkspace, type SecretWorkspace } from './secret-workspace.testkit.js';

const HEADER = 'x-echo-bin: not base64!';
const WARNING =
  'Warning: -H x-echo-bin: its value (11 characters) is not base64, ' +
  'so its text is sent as it is (as grpcurl does)\n';

let demo: DemoServer;
let address = '';
let workspace: SecretWorkspace;
let ws: Workspace;

beforeAll(async () => {
  demo = await startDemoServer({});
  address = `127.0.0.1:${demo.port}`;
  workspace = openSecretWorkspace();
  ws = workspace.ws;
  mkdirSync(path.join(ws.dir, 'protos'));
  copyFileSync(
    resourcePath('protos', 'example.proto'),
    path.join(ws.dir, 'protos', 'example.proto'),
  );
  ws.saveRequest(
    'c/get user',
    sampleRequest({
      connection: { address, security: { kind: 'plaintext' } },
      schema: { kind: 'protoFiles', files: ['example.proto'], importPaths: ['protos'] },
      metadata: [],
    }),
  );
});

afterAll(async () => {
  await demo?.close();
  workspace?.close();
});

describe('a -bin header that is not base64 is said on stderr by every command that sends it', () => {
  it('the call line (as before)', async () => {
    const run = await gwb(getUserArgs(address, '-plaintext', '-H', HEADER));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(WARNING);
  });

  it('gwb request run', async () => {
    const run = await gwb(['request', 'run', 'c/get user', '--workspace', ws.dir, '-H', HEADER]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(WARNING);
  });

  it('gwb run', async () => {
    const run = await gwb(['run', 'c', '--workspace', ws.dir, '-H', HEADER]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(WARNING);
  });

  it('gwb load', { timeout: 60_000 }, async () => {
    const run = await gwb([
      'load',
      ...getUserArgs(address, '-plaintext', '-H', HEADER),
      '--total',
      '3',
      '--workers',
      '1',
      '--reporter',
      'json',
    ]);
    expect(run.stderr).toBe(WARNING);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ sent: 3, ok: 3 });
  });

  it('gwb replay: the server echoes the text it was sent', async () => {
    const dir = tempDir('gwb-bin-replay-');
    try {
      const recording = path.join(dir, 'get-user.ndjson');
      await recordGetUser(address, recording);
      const run = await gwb(['replay', recording, '-H', HEADER, '--speed=max', '--json']);
      expect(run.stderr).toBe(WARNING);
      // The recording had no x-echo-bin: the replay's answer has it, as the bytes of the text.
      expect(JSON.parse(run.stdout).identical).toBe(false);
      expect(run.stdout).toContain(
        Buffer.from('not base64!').toString('base64').replace(/=+$/, ''),
      );
    } finally {
      removeDir(dir);
    }
  });
});
