// `-H 'x-token-bin: {{token}}'` on a command with an environment: the variable is substituted
// first, as in every other header and as grpcurl's -expand-headers does, and the value it becomes
// is read as a saved request's -bin row is (base64). It used to be base64-encoded as typed, so
// the server got the bytes of "{{token}}". A secret's value stays out of what gwb prints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startRecordedShopServer,
  type Recorder,
  type RunningServer,
} from '../../main/reflection/reflection-servers.testkit.js';
import { sampleRequest } from '../../main/workspace/workspace.testkit.js';
import { gwb, type CliRun } from './cli.testkit.js';
import { openSecretWorkspace, type SecretWorkspace } from './secret-workspace.testkit.js';

const BYTES = 'secret bytes 7e4a';
const TEXT = 'not-base64 text 7e4a!';
let server: RunningServer;
let recorder: Recorder;
let secrets: SecretWorkspace;

beforeAll(async () => {
  ({ server, recorder } = await startRecordedShopServer());
  secrets = openSecretWorkspace();
  await secrets.ws.environments.save({
    name: 'e',
    variables: [
      { name: 'token', value: Buffer.from(BYTES).toString('base64'), secret: true },
      { name: 'text', value: TEXT, secret: true },
    ],
  });
  secrets.ws.saveRequest(
    'c/item',
    sampleRequest({
      connection: { address: server.address, security: { kind: 'plaintext' } },
      schema: { kind: 'reflection' },
      method: '/shop.v1.Catalog/GetItem',
      messages: [{}],
      metadata: [],
    }),
  );
});

afterAll(() => {
  server?.close();
  secrets?.close();
});

/** `gwb ARGS… --workspace W --env e -H HEADER`: its result and the x-token-bin values received. */
async function runWith(args: string[], header: string): Promise<{ run: CliRun; got: string[] }> {
  recorder.calls.length = 0;
  const run = await gwb([...args, '--workspace', secrets.ws.dir, '--env', 'e', '-H', header]);
  const got = recorder.calls.flatMap((call) =>
    call.metadata.get('x-token-bin').map((value) => Buffer.from(value).toString()),
  );
  return { run, got };
}

describe('a {{variable}} in a -bin header flag', () => {
  it.each([
    ['request run', ['request', 'run', 'c/item']],
    ['run', ['run', 'c']],
  ])('gwb %s substitutes it before the value is read as base64', async (_name, args) => {
    const { run, got } = await runWith(args, 'x-token-bin: {{token}}');
    // The shop server answers Unimplemented: the call was made, with the header.
    expect(run.stdout + run.stderr).toContain('Unimplemented');
    expect(got.length).toBeGreaterThan(0);
    for (const value of got) expect(value).toBe(BYTES);
    expect(run.stderr).not.toContain('not base64');
    expect(run.stdout + run.stderr).not.toContain(Buffer.from(BYTES).toString('base64'));
  });

  it('a value that is not base64 once substituted is refused naming the row, never printed', async () => {
    const { run, got } = await runWith(['request', 'run', 'c/item'], 'x-token-bin: {{text}}');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('"x-token-bin"');
    expect(run.stderr).toContain('base64');
    expect(got).toEqual([]);
    expect(run.stdout + run.stderr).not.toContain(TEXT);
    expect(run.stdout + run.stderr).not.toContain(Buffer.from(TEXT).toString('base64'));
  });
});
