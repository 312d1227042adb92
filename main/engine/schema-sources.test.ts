import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newRequest, plaintextConnection } from '../../shared/request/index.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { ChannelPool } from '../channels/index.js';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { resourcePath } from '../resources.js';
import type { PrepareCall } from './prepare-call.js';
import { createSchemaSources, type SchemaSources } from './schema-sources.js';
import { createSchemaStore, type SchemaStore } from './schemas.js';

// schema.load: a source is loaded once and shared, per source key; relative files start at the
// workspace folder; reflection goes to the request's own connection with its variables replaced.

let workspace: string;
let demo: DemoServer;
let pool: ChannelPool;

/** Substitutes `{{host}}` only, as the workspace would with an environment holding it. */
const prepareCall: PrepareCall = async ({ request }) => {
  const text = JSON.stringify(request);
  const unknown = [...text.matchAll(/\{\{(\w+)\}\}/g)]
    .map((m) => m[1]!)
    .filter((name) => name !== 'host')
    .map((name) => ({ name, where: 'connection.address' }));
  return {
    request: JSON.parse(text.replaceAll('{{host}}', `127.0.0.1:${demo.port}`)) as RequestDocument,
    secrets: new Map(),
    unknown,
    baseDir: workspace,
  };
};

function fresh(): { sources: SchemaSources; store: SchemaStore } {
  const store = createSchemaStore(() => undefined, pool);
  const sources = createSchemaSources({ store, pool, workspaceDir: () => workspace, prepareCall });
  return { sources, store };
}

const connection = () => plaintextConnection(`127.0.0.1:${demo.port}`);
const protoFiles = {
  kind: 'protoFiles' as const,
  files: ['protos/example.proto'],
  importPaths: [],
};
const load = (sources: SchemaSources, extra: Record<string, unknown> = {}) =>
  sources.load({ source: protoFiles, connection: connection(), reload: false, ...extra });

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'gwb-sources-'));
  mkdirSync(join(workspace, 'protos'));
  copyFileSync(resourcePath('protos', 'example.proto'), join(workspace, 'protos', 'example.proto'));
  writeFileSync(
    join(workspace, 'protos', 'other.proto'),
    'syntax = "proto3";\npackage other;\nmessage Ping {}\nservice PingService { rpc Ping (Ping) returns (Ping); }\n',
  );
  demo = await startDemoServer({ port: 0 });
  pool = new ChannelPool();
});

afterAll(async () => {
  pool.close();
  await demo.close();
  rmSync(workspace, { recursive: true, force: true });
});

describe('schema.load', () => {
  it('loads the same source once, relative files from the workspace', async () => {
    const { sources } = fresh();
    const first = await load(sources);
    const second = await load(sources);
    expect(second.schemaId).toBe(first.schemaId);
    expect(first.services).toContain('example.UserService');
    expect(sources.loads).toBe(1);
  });

  it('shares one load between two tabs asking at once', async () => {
    const { sources } = fresh();
    const [a, b] = await Promise.all([load(sources), load(sources)]);
    expect(a.schemaId).toBe(b.schemaId);
    expect(sources.loads).toBe(1);
  });

  it('gives two sources two schemas', async () => {
    const { sources } = fresh();
    const example = await load(sources);
    const other = await load(sources, {
      source: { kind: 'protoFiles', files: ['protos/other.proto'], importPaths: [] },
    });
    const reflected = await sources.load({ connection: connection(), reload: false });
    expect(new Set([example.schemaId, other.schemaId, reflected.schemaId]).size).toBe(3);
    expect(other.services).toEqual(['other.PingService']);
    expect(reflected.source).toBe('reflection');
    expect(sources.loads).toBe(3);
    // Import paths make files relative to them instead, as protoc does.
    const viaImportPath = await load(sources, {
      source: { kind: 'protoFiles', files: ['other.proto'], importPaths: ['protos'] },
    });
    expect(viaImportPath.services).toEqual(['other.PingService']);
  });

  it('reflection substitutes the address and is keyed by it', async () => {
    const { sources } = fresh();
    const byVariable = await sources.load({
      connection: plaintextConnection('{{host}}'),
      reload: false,
    });
    const byAddress = await sources.load({ connection: connection(), reload: false });
    expect(byAddress.schemaId).toBe(byVariable.schemaId);
    expect(sources.loads).toBe(1);
    await expect(
      sources.load({ connection: plaintextConnection('{{nope}}:1'), reload: false }),
    ).rejects.toThrow(
      'unknown variable: {{nope}} in connection.address (no environment selected); nothing was sent',
    );
  });

  it('reload loads again and replaces; a failed load is not kept', async () => {
    const { sources, store } = fresh();
    const first = await load(sources);
    const reloaded = await load(sources, { reload: true });
    expect(reloaded.schemaId).not.toBe(first.schemaId);
    expect(() => store.get(first.schemaId)).toThrow(/no loaded schema/);
    expect((await load(sources)).schemaId).toBe(reloaded.schemaId);
    expect(sources.loads).toBe(2);

    const missing = { kind: 'protoFiles' as const, files: ['protos/later.proto'], importPaths: [] };
    await expect(load(sources, { source: missing })).rejects.toThrow(/later\.proto/);
    writeFileSync(join(workspace, 'protos', 'later.proto'), 'syntax = "proto3";\npackage later;\n');
    await expect(load(sources, { source: missing })).resolves.toMatchObject({ services: [] });
  });

  it('loads again a schema removed since', async () => {
    const { sources, store } = fresh();
    const first = await load(sources);
    store.remove(first.schemaId);
    expect((await load(sources)).schemaId).not.toBe(first.schemaId);
  });

  it('says which requests a loaded schema came from', async () => {
    const { sources } = fresh();
    const files = await load(sources);
    const reflected = await sources.load({ connection: connection(), reload: false });
    const request = (schema?: RequestDocument['schema']): RequestDocument => ({
      ...newRequest(connection(), '/example.UserService/GetUser'),
      ...(schema ? { schema } : {}),
    });
    const fromFiles = sources.loadedFrom(files.schemaId)!;
    expect(fromFiles(request(protoFiles))).toBe(true);
    expect(fromFiles(request())).toBe(false);
    expect(sources.loadedFrom(reflected.schemaId)!(request())).toBe(true);
    expect(sources.loadedFrom('schema-other')).toBeUndefined();
  });
});
