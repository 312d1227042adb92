// A saved request's connection.userAgent takes {{variables}} as its address and metadata do (the
// one substituteRequest): `gwb request run --env` sends the value, not the placeholder, and an
// unknown variable there stops the request, named with where it was.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  metadataValues,
  useRecordedShopServer,
  useShopWorkspace,
} from './recorded-shop.testkit.js';

const SECRET = 'ua-secret-5f3c9a';
const shop = useRecordedShopServer();
const workspace = useShopWorkspace(shop, [
  { name: 'ua', value: 'tester/7' },
  { name: 'broken', value: 'a\nb' },
  { name: 'token', value: SECRET, secret: true },
]);

beforeAll(() => {
  workspace.saveItemRequest('c/item', { userAgent: '{{ua}} (gwb)' });
  workspace.saveItemRequest('c/unknown', { userAgent: '{{nope}}' });
  workspace.saveItemRequest('c/broken', { userAgent: '{{broken}}' });
  workspace.saveItemRequest('c/secret', { userAgent: 'tester/7 key={{token}}' });
});

/** `gwb request run PATH` in environment e: its result and the User-Agent of each call the server saw. */
async function runSaved(requestPath: string) {
  const run = await workspace.run(['request', 'run', requestPath]);
  return { run, agents: metadataValues(run.calls, 'user-agent') };
}

describe('{{variables}} in connection.userAgent', () => {
  it('are substituted before the User-Agent is sent (reflection and the call)', async () => {
    const { agents } = await runSaved('c/item');
    expect(agents.length).toBeGreaterThan(0);
    for (const agent of agents) expect(agent).toMatch(/^tester\/7 \(gwb\) grpc-node-js\/\d/);
  });

  it('an unknown one stops the request, named with where it is', async () => {
    const { run, agents } = await runSaved('c/unknown');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('{{nope}} in userAgent');
    expect(agents).toEqual([]);
  });
});

// Checked again once substituted (review 26 SHOULD-5): a value grpc-js could not send is refused
// naming the field, and a {{secret}} in it stays out of what is printed and kept.
describe('a user agent checked again once substituted', () => {
  it('a value with a line break is refused naming userAgent, and nothing reaches the server', async () => {
    const { run, agents } = await runSaved('c/broken');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('userAgent: has a line break');
    expect(agents).toEqual([]);
  });

  it('a {{secret}} in it is sent, and kept out of the output and the history', async () => {
    const { run, agents } = await runSaved('c/secret');
    // The recorded shop server answers Unimplemented: the call was made, with the secret.
    expect(run.stderr).toContain('Unimplemented');
    expect(agents.length).toBeGreaterThan(0);
    for (const agent of agents) expect(agent).toContain(`key=${SECRET}`);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    const history = JSON.stringify(workspace.ws.history.list().entries);
    // History keeps the request as written (the template), never the value.
    expect(history).toContain('key={{token}}');
    expect(history).not.toContain(SECRET);
  });
});
