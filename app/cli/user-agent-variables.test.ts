// A saved request's connection.userAgent takes {{variables}} as its address and metadata do (the
// one substituteRequest): `gwb request run --env` sends the value, not the placeholder, and an
// unknown variable there stops the request, named with where it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startRecordedShopServer,
  type Recorder,
  type RunningServer,
} from '../../main/reflection/reflection-servers.testkit.js';
import type { Workspace } from '../../main/workspace/index.js';
import { sampleRequest } from '../../main/workspace/workspace.testkit.js';
import { gwb } from './cli.testkit.js';
import { openSecretWorkspace, type SecretWorkspace } from './secret-workspace.testkit.js';

let server: RunningServer;
let recorder: Recorder;
let secrets: SecretWorkspace;
let ws: Workspace;

function saveItemRequest(name: string, userAgent: string): void {
  ws.saveRequest(
    name,
    sampleRequest({
      connection: { address: server.address, security: { kind: 'plaintext' }, userAgent },
      schema: { kind: 'reflection' },
      method: '/shop.v1.Catalog/GetItem',
      messages: [{}],
      metadata: [],
    }),
  );
}

beforeAll(async () => {
  ({ server, recorder } = await startRecordedShopServer());
  secrets = openSecretWorkspace();
  ws = secrets.ws;
  await ws.environments.save({ name: 'e', variables: [{ name: 'ua', value: 'tester/7' }] });
  saveItemRequest('c/item', '{{ua}} (gwb)');
  saveItemRequest('c/unknown', '{{nope}}');
});

afterAll(() => {
  server?.close();
  secrets?.close();
});

describe('{{variables}} in connection.userAgent', () => {
  it('are substituted before the User-Agent is sent (reflection and the call)', async () => {
    recorder.calls.length = 0;
    await gwb(['request', 'run', 'c/item', '--workspace', ws.dir, '--env', 'e']);
    const agents = recorder.calls.map((c) => String(c.metadata.get('user-agent')[0]));
    expect(agents.length).toBeGreaterThan(0);
    for (const agent of agents) expect(agent).toMatch(/^tester\/7 \(gwb\) grpc-node-js\/\d/);
  });

  it('an unknown one stops the request, named with where it is', async () => {
    recorder.calls.length = 0;
    const run = await gwb(['request', 'run', 'c/unknown', '--workspace', ws.dir, '--env', 'e']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('{{nope}} in userAgent');
    expect(recorder.calls).toEqual([]);
  });
});
