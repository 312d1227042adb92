// schema.load checks that the files a saved request names lie inside the workspace when it reads
// them, not on every call that asks for the schema already loaded from them: a run asks for its
// schema once per request, and nothing is read then. A reload, another workspace, or a schema
// removed meanwhile reads the files again, and checks them again.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plaintextConnection } from '../../shared/request/index.js';
import { ChannelPool } from '../channels/index.js';
import { resourcePath } from '../resources.js';
import { sampleRequest } from '../workspace/workspace.testkit.js';
import { openWorkspace } from '../workspace/workspace.js';
import type { PrepareCall } from './prepare-call.js';
import { createSchemaSources, type SchemaSources } from './schema-sources.js';
import { createSchemaStore, type SchemaStore } from './schemas.js';

let root: string;
let workspace: string;
let other: string;
let pool: ChannelPool;
const unix = process.platform !== 'win32';
let dir: string;

const prepareCall: PrepareCall = async ({ request }) => ({
  request,
  secrets: new Map(),
  unknown: [],
  baseDir: dir,
});

const source = { kind: 'protoFiles' as const, files: ['protos/example.proto'], importPaths: [] };

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'gwb-checked-'));
  workspace = join(root, 'workspace');
  other = join(root, 'other');
  for (const ws of [workspace, other]) {
    mkdirSync(join(ws, 'protos'), { recursive: true });
    openWorkspace(ws).saveRequest('saved/it', sampleRequest({ schema: source }));
  }
  copyFileSync(resourcePath('protos', 'example.proto'), join(workspace, 'protos', 'example.proto'));
  copyFileSync(resourcePath('protos', 'example.proto'), join(root, 'example.proto'));
  pool = new ChannelPool();
});

afterAll(() => {
  pool.close();
  rmSync(root, { recursive: true, force: true });
});

describe.runIf(unix)('schema files checked when read', () => {
  let store: SchemaStore;
  let sources: SchemaSources;
  const load = (reload = false) =>
    sources.load({ source, connection: plaintextConnection('127.0.0.1:1'), reload });

  it('answers the loaded schema without checking again; a reload reads and checks again', async () => {
    dir = workspace;
    store = createSchemaStore(() => undefined, pool);
    sources = createSchemaSources({ store, pool, workspaceDir: () => dir, prepareCall });
    const first = await load();
    // The file becomes a link out of the workspace: nothing is read while the schema is cached.
    rmSync(join(workspace, 'protos', 'example.proto'));
    symlinkSync(join(root, 'example.proto'), join(workspace, 'protos', 'example.proto'));
    expect((await load()).schemaId).toBe(first.schemaId);
    expect(sources.loads).toBe(1);
    await expect(load(true)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('checks again for another workspace, and once the cached schema is removed', async () => {
    dir = workspace;
    rmSync(join(workspace, 'protos', 'example.proto'));
    copyFileSync(
      resourcePath('protos', 'example.proto'),
      join(workspace, 'protos', 'example.proto'),
    );
    store = createSchemaStore(() => undefined, pool);
    sources = createSchemaSources({ store, pool, workspaceDir: () => dir, prepareCall });
    // Absolute paths: the same source (and cache key) in both workspaces.
    const absolute = {
      kind: 'protoFiles' as const,
      files: [join(workspace, 'protos', 'example.proto')],
      importPaths: [join(workspace, 'protos')],
    };
    const loadAbsolute = () =>
      sources.load({
        source: absolute,
        connection: plaintextConnection('127.0.0.1:1'),
        reload: false,
      });
    await loadAbsolute();
    openWorkspace(other).saveRequest('saved/abs', sampleRequest({ schema: absolute }));
    dir = other;
    await expect(loadAbsolute()).rejects.toMatchObject({ code: 'forbidden' });
    dir = workspace;
    const loaded = await load();
    rmSync(join(workspace, 'protos', 'example.proto'));
    symlinkSync(join(root, 'example.proto'), join(workspace, 'protos', 'example.proto'));
    store.remove(loaded.schemaId);
    await expect(load()).rejects.toMatchObject({ code: 'forbidden' });
  });
});
