import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchemaSourceSpec } from '../../shared/request/schema-source.js';
import { plaintextConnection } from '../../shared/request/index.js';
import { ChannelPool } from '../channels/index.js';
import { resourcePath } from '../resources.js';
import { sampleRequest } from '../workspace/workspace.testkit.js';
import { openWorkspace } from '../workspace/workspace.js';
import type { PrepareCall } from './prepare-call.js';
import { createSchemaSources, type SchemaSources } from './schema-sources.js';
import { createSchemaStore } from './schemas.js';

// The files a saved request names load from inside the workspace only (real paths), or after the
// user confirms; and whatever is confirmed is still read as a regular file within its limit.

let root: string;
let workspace: string;
let outside: string;
let pool: ChannelPool;
const unix = process.platform !== 'win32';

const prepareCall: PrepareCall = async ({ request }) => ({
  request,
  secrets: new Map(),
  unknown: [],
  baseDir: workspace,
});

function sources(trustedFilesPath?: string): SchemaSources {
  const store = createSchemaStore(() => undefined, pool);
  return createSchemaSources({
    store,
    pool,
    workspaceDir: () => workspace,
    prepareCall,
    ...(trustedFilesPath === undefined ? {} : { trustedFilesPath }),
  });
}

function save(name: string, schema: SchemaSourceSpec): void {
  openWorkspace(workspace).saveRequest(`saved/${name}`, sampleRequest({ schema }));
}

const load = (source: SchemaSourceSpec, confirmOutside?: boolean) =>
  sources().load({
    source,
    connection: plaintextConnection('127.0.0.1:1'),
    reload: false,
    ...(confirmOutside === undefined ? {} : { confirmOutside }),
  });

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'gwb-inside-'));
  workspace = join(root, 'workspace');
  outside = join(root, 'elsewhere');
  mkdirSync(outside);
  mkdirSync(join(workspace, 'protos'), { recursive: true });
  copyFileSync(resourcePath('protos', 'example.proto'), join(workspace, 'protos', 'example.proto'));
  copyFileSync(resourcePath('protos', 'example.proto'), join(outside, 'example.proto'));
  openWorkspace(workspace).createFolder('saved');
  pool = new ChannelPool();
});

afterAll(() => {
  pool.close();
  rmSync(root, { recursive: true, force: true });
});

describe('schema files a saved request names', () => {
  it('load from inside the workspace', async () => {
    const source = {
      kind: 'protoFiles' as const,
      files: ['protos/example.proto'],
      importPaths: [],
    };
    save('inside', source);
    expect((await load(source)).services).toContain('example.UserService');
  });

  it('are refused outside the workspace (../ or absolute) until the user confirms', async () => {
    const relative = {
      kind: 'protoFiles' as const,
      files: ['../elsewhere/example.proto'],
      importPaths: [],
    };
    save('relative', relative);
    await expect(load(relative)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining(
        `The saved request "saved/relative" names ${join(workspace, '../elsewhere/example.proto')}, outside this workspace's folder ${workspace}.`,
      ),
    });
    const absolute = {
      kind: 'protoFiles' as const,
      files: [join(outside, 'example.proto')],
      importPaths: [],
    };
    save('absolute', absolute);
    await expect(load(absolute)).rejects.toThrow(/confirmOutside: true/);
    expect((await load(absolute, true)).services).toContain('example.UserService');
  });

  it('with import paths, are looked up there and in the workspace, never in the current folder', async () => {
    // The engine runs wherever the app was started: a name must not reach a file there.
    const home = join(root, 'home', 'deep');
    mkdirSync(home, { recursive: true });
    const secret = 'syntax = "proto3";\npackage secret;\nservice Secret { }\n';
    writeFileSync(join(home, 'secret.proto'), secret);
    writeFileSync(join(outside, 'secret.proto'), secret);
    const byName = {
      kind: 'protoFiles' as const,
      files: ['secret.proto'],
      importPaths: ['protos'],
    };
    // From home/deep and from the workspace's protos alike, this is elsewhere/secret.proto.
    const upward = {
      kind: 'protoFiles' as const,
      files: ['../../elsewhere/secret.proto'],
      importPaths: ['protos'],
    };
    save('by-name', byName);
    save('upward', upward);
    const cwd = process.cwd();
    process.chdir(home);
    try {
      await expect(load(byName)).rejects.toThrow(
        `cannot read proto file ${join(workspace, 'secret.proto')}`,
      );
      await expect(load(upward)).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining(
          `The saved request "saved/upward" names ${join(outside, 'secret.proto')}, outside this workspace's folder ${workspace}.`,
        ),
      });
      // The user's own choice still loads it, from where the import path leads, not from here.
      rmSync(join(home, 'secret.proto'));
      expect((await load(upward, true)).services).toEqual(['secret.Secret']);
    } finally {
      process.chdir(cwd);
    }
  });

  it('the same file typed by the user (no saved request names it) loads', async () => {
    const typed = {
      kind: 'protoFiles' as const,
      files: [join(outside, 'example.proto')],
      importPaths: [outside],
    };
    expect((await load(typed)).services).toContain('example.UserService');
  });

  it('a file the user chose before saving loads when the saved request is opened again, in later runs too', async () => {
    const trustedFilesPath = join(root, 'data', 'trusted-schema-files.json');
    mkdirSync(join(root, 'data'));
    const mine = join(outside, 'mine.proto');
    copyFileSync(resourcePath('protos', 'example.proto'), mine);
    const chosen = { kind: 'protoFiles' as const, files: [mine], importPaths: [] };
    const load = (engine: SchemaSources) =>
      engine.load({
        source: chosen,
        connection: plaintextConnection('127.0.0.1:1'),
        reload: false,
      });
    // Typed in the tab (no saved request names it yet): loads, and is remembered.
    expect((await load(sources(trustedFilesPath))).services).toContain('example.UserService');
    save('mine', chosen);
    expect((await load(sources(trustedFilesPath))).services).toContain('example.UserService');
    // A fresh engine without the list refuses it: the trust is the user's choice, nothing else.
    await expect(load(sources())).rejects.toThrow(/The saved request "saved\/mine" names/);
  });

  it.runIf(unix)(
    'a descriptor set that is a symlink to /dev/zero is refused, and still not read when confirmed',
    async () => {
      symlinkSync('/dev/zero', join(workspace, 'protos', 'api.pb'));
      const source = { kind: 'descriptorSet' as const, files: ['protos/api.pb'] };
      save('zero', source);
      await expect(load(source)).rejects.toThrow(
        `The saved request "saved/zero" names ${join(workspace, 'protos/api.pb')} (which leads to /dev/zero), outside this workspace's folder`,
      );
      await expect(load(source, true)).rejects.toThrow(
        `cannot read descriptor set ${join(workspace, 'protos/api.pb')}: it is a character device, not a regular file, so it cannot be a descriptor set`,
      );
    },
  );

  it.runIf(unix)('a FIFO inside the workspace is refused at once, not waited on', async () => {
    const fifo = join(workspace, 'protos', 'pipe.proto');
    execFileSync('mkfifo', [fifo]);
    const source = { kind: 'protoFiles' as const, files: ['protos/pipe.proto'], importPaths: [] };
    save('fifo', source);
    await expect(load(source)).rejects.toThrow(
      `cannot read proto file ${fifo}: it is a named pipe (FIFO), not a regular file, so it cannot be a proto file`,
    );
  });
});
