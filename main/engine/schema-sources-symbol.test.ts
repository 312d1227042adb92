import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plaintextConnection } from '../../shared/request/index.js';
import { ChannelPool } from '../channels/index.js';
import {
  startRecordedShopServer,
  type Recorder,
  type RunningServer,
} from '../reflection/reflection-servers.testkit.js';
import type { PrepareCall } from './prepare-call.js';
import { createSchemaSources, type SchemaSources } from './schema-sources.js';
import { createSchemaStore } from './schemas.js';

// schema.load with a symbol (a call's service): the server is asked for that symbol's file alone,
// not its service list; the partial schema is keyed apart, so a later full load in the same
// engine (the UI's "load schema over reflection") gets every service, not the call's one.

let server: RunningServer;
let recorder: Recorder;
let pool: ChannelPool;

const prepareCall: PrepareCall = async ({ request }) => ({
  request,
  secrets: new Map(),
  unknown: [],
  baseDir: process.cwd(),
});

function fresh(): SchemaSources {
  const store = createSchemaStore(() => undefined, pool);
  return createSchemaSources({ store, pool, workspaceDir: () => undefined, prepareCall });
}

const load = (sources: SchemaSources, symbol?: string) =>
  sources.load({
    connection: plaintextConnection(server.address),
    reload: false,
    ...(symbol !== undefined ? { symbol } : {}),
  });

const asked = () => recorder.messages.map((m) => JSON.stringify(m.message));

beforeAll(async () => {
  ({ server, recorder } = await startRecordedShopServer());
  pool = new ChannelPool();
});

afterAll(() => {
  pool.close();
  server.close();
});

describe('schema.load of one symbol over reflection', () => {
  it("asks for the symbol's file only and holds its service", async () => {
    recorder.messages.length = 0;
    const summary = await load(fresh(), 'shop.v1.Catalog');
    expect(summary.services).toContain('shop.v1.Catalog');
    expect(summary.services).not.toContain('shop.v1.admin.Admin');
    expect(asked()).toHaveLength(1);
    expect(asked()[0]).toContain('fileContainingSymbol');
    expect(asked()[0]).toContain('shop.v1.Catalog');
  });

  it('a full load after it in the same engine is not served the partial schema', async () => {
    const sources = fresh();
    const partial = await load(sources, 'shop.v1.Catalog');
    const full = await load(sources);
    expect(full.schemaId).not.toBe(partial.schemaId);
    expect(full.services).toEqual(['shop.v1.Catalog', 'shop.v1.Orders', 'shop.v1.admin.Admin']);
    // The same symbol again is answered from the cache.
    expect((await load(sources, 'shop.v1.Catalog')).schemaId).toBe(partial.schemaId);
    expect(sources.loads).toBe(2);
  });

  it('a symbol the server does not know loads every service (the error then names them)', async () => {
    recorder.messages.length = 0;
    const summary = await load(fresh(), 'shop.v1.Nope');
    expect(summary.services).toEqual(['shop.v1.Catalog', 'shop.v1.Orders', 'shop.v1.admin.Admin']);
    expect(asked()[0]).toContain('shop.v1.Nope');
    expect(asked().some((m) => m.includes('listServices'))).toBe(true);
  });
});
