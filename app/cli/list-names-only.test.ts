import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useRecordedShopServer } from './recorded-shop.testkit.js';

// `gwb list` prints the server's list of services and, as grpcurl, asks reflection for nothing
// more: no file is fetched, decoded and built into a schema for names it already has (two round
// trips and most of the reflection work of a `gwb list` before). `list SERVICE` and a list that
// writes the schema (-protoset-out) still fetch the files they need.
const shop = useRecordedShopServer();
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-list-names-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What reflection was asked during `gwb …args`, one JSON text per request message. */
async function askedDuring(args: string[]): Promise<{ asked: string[]; stdout: string }> {
  const run = await shop.run(args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return { asked: run.messages.map((m) => JSON.stringify(m.message)), stdout: run.stdout };
}

describe('gwb list asks reflection only for what it prints', () => {
  it('list: the list of services and nothing else', async () => {
    const { asked, stdout } = await askedDuring(['-plaintext', shop.address, 'list']);
    expect(stdout).toBe('shop.v1.Catalog\nshop.v1.Orders\nshop.v1.admin.Admin\n');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('listServices');
  });

  it('list SERVICE fetches the files that describe it', async () => {
    const { asked, stdout } = await askedDuring([
      '-plaintext',
      shop.address,
      'list',
      'shop.v1.Orders',
    ]);
    expect(stdout).toContain('shop.v1.Orders.');
    expect(asked.some((m) => m.includes('fileContainingSymbol'))).toBe(true);
  });

  it('list with -protoset-out fetches the files and writes them', async () => {
    const out = path.join(dir, 'listed.protoset');
    const { asked, stdout } = await askedDuring([
      '-plaintext',
      '-protoset-out',
      out,
      shop.address,
      'list',
    ]);
    expect(stdout).toBe('shop.v1.Catalog\nshop.v1.Orders\nshop.v1.admin.Admin\n');
    expect(asked.some((m) => m.includes('fileContainingSymbol'))).toBe(true);
    expect(readFileSync(out).toString('latin1')).toContain('shop.v1.admin');
  });
});
