// `-H 'x-token-bin: {{token}}'` on a command with an environment: the variable is substituted
// first, as in every other header and as grpcurl's -expand-headers does, and the value it becomes
// is read as a saved request's -bin row is (base64). It used to be base64-encoded as typed, so
// the server got the bytes of "{{token}}". A secret's value stays out of what gwb prints.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  metadataValues,
  useRecordedShopServer,
  useShopWorkspace,
} from './recorded-shop.testkit.js';

const BYTES = 'secret bytes 7e4a';
const TEXT = 'not-base64 text 7e4a!';
const shop = useRecordedShopServer();
const workspace = useShopWorkspace(shop, [
  { name: 'token', value: Buffer.from(BYTES).toString('base64'), secret: true },
  { name: 'text', value: TEXT, secret: true },
]);

beforeAll(() => workspace.saveItemRequest('c/item'));

/** `gwb ARGS… -H HEADER` in environment e: its result and the x-token-bin values received. */
async function runWith(args: string[], header: string) {
  const run = await workspace.run([...args, '-H', header]);
  return { run, got: metadataValues(run.calls, 'x-token-bin') };
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
