// gwb export k6|ghz on a saved request: variables filled in from the environment by the engine's
// prepare step, a secret read from k6's environment and never printed, refused by ghz.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { k6TypeErrors } from '../../main/export-load/export-load.testkit.js';
import type { Workspace } from '../../main/workspace/index.js';
import { sampleRequest } from '../../main/workspace/workspace.testkit.js';
import { gwb } from './cli.testkit.js';
import { openSecretWorkspace, type SecretWorkspace } from './secret-workspace.testkit.js';

let secrets: SecretWorkspace;
let ws: Workspace;
const SENTINEL = `SENTINEL-${randomUUID()}`;

beforeAll(async () => {
  secrets = openSecretWorkspace();
  ws = secrets.ws;
  await ws.environments.save({
    name: 'prod',
    variables: [
      { name: 'host', value: 'users.internal:7443' },
      { name: 'token', value: SENTINEL, secret: true },
    ],
  });
  const base = {
    connection: { address: '{{host}}', security: { kind: 'plaintext' as const } },
    schema: { kind: 'protoFiles' as const, files: ['example.proto'], importPaths: ['protos'] },
    messages: [{ id: '42' }],
  };
  ws.saveRequest(
    'api/get user',
    sampleRequest({ ...base, metadata: [{ key: 'authorization', value: 'Bearer {{token}}' }] }),
  );
  ws.saveRequest('api/open user', sampleRequest({ ...base, metadata: [] }));
});

afterAll(() => secrets.close());

const exportOf = (...args: string[]) =>
  gwb(['export', ...args, '--workspace', ws.dir, '--env', 'prod']);

it(
  'exports a k6 script: variables filled in, the secret from k6’s environment',
  { timeout: 60_000 },
  async () => {
    const run = await exportOf('k6', 'api/get user', '--vus', '5');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(SENTINEL);
    expect(run.stdout).toContain('client.connect("users.internal:7443", { plaintext: true });');
    expect(run.stdout).toContain('"authorization": "Bearer " + __ENV["token"],');
    expect(run.stdout).toContain('vus: 5');
    expect(k6TypeErrors(run.stdout)).toEqual([]);
  },
);

it('exports a ghz config; a request with a secret is refused', { timeout: 60_000 }, async () => {
  const run = await exportOf('ghz', 'api/open user', '--total', '500');
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toMatchObject({
    call: 'example.UserService/GetUser',
    host: 'users.internal:7443',
    insecure: true,
    total: 500,
    data: { id: '42' },
  });
  const secret = await exportOf('ghz', 'api/get user');
  expect(secret.code).toBe(1);
  expect(secret.stdout).toBe('');
  expect(secret.stderr).toContain('metadata: uses the secret {{token}}');
  expect(secret.stderr).not.toContain(SENTINEL);
});

it('names the tools it knows', async () => {
  const run = await gwb(['export', 'jmeter', 'api/get user']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('jmeter: expected k6 or ghz');
});
