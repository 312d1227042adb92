import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { type EventPayload } from '../../shared/contract/index.js';
import { workspaceCommands } from '../../shared/contract/workspace-commands.js';
import type { SavedRequest } from '../../shared/workspace/saved-request.js';
import { resourcePath } from '../resources.js';
import { startEngineKit, type EngineKit } from './engine.testkit.js';

// The workspace commands through the real router and engine, against the embedded demo server.

const exercised = new Set<string>();
let kit: EngineKit;
let target: string;
let schemaId: string;
let wsDir: string;
const SECRET = `SENTINEL-${randomUUID()}`;

const ended = (callId: string) => (p: EventPayload<'call.events'>) =>
  p.callId === callId && p.events.some((e) => e.type === 'ended');

function request(over: Partial<SavedRequest> = {}): SavedRequest {
  return {
    version: 1,
    name: 'Get user',
    connection: { address: target, security: { kind: 'plaintext' } },
    method: '/example.UserService/GetUser',
    body: { id: '{{userId}}' },
    metadata: [{ key: 'x-echo-token', value: '{{token}}' }],
    options: {},
    notes: '',
    ...over,
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

async function errorOf(name: string, input: unknown) {
  exercised.add(name);
  const reply = await kit.router.invoke(name, input);
  if (reply.t !== 'error') throw new Error(`${name} did not fail`);
  return reply;
}

beforeAll(async () => {
  kit = startEngineKit();
  const original = kit.call;
  kit.call = (name, input) => {
    exercised.add(name);
    return original(name, input);
  };
  target = (await kit.call('demo.start', {})).target;
  schemaId = (
    await kit.call('schema.loadProtoFiles', {
      files: [resourcePath('protos', 'example.proto')],
      importPaths: [resourcePath('protos')],
    })
  ).schemaId;
  const opened = await kit.call('workspace.open', {});
  wsDir = opened.dir;
  expect(wsDir).toBe(join(kit.dataDir, 'workspace'));
});

afterAll(async () => {
  await kit.close();
});

describe('workspace commands', () => {
  it('saves, lists, reads, renames, duplicates, moves, deletes and restores requests', async () => {
    await kit.call('folder.create', { path: 'users' });
    await kit.call('folder.create', { path: 'users/archive' });
    const saved = await kit.call('request.save', { path: 'users/get', request: request() });
    expect(saved.request.name).toBe('Get user');
    const as = await kit.call('request.saveAs', {
      folder: 'users',
      name: 'second',
      request: request(),
    });
    expect(as.path).toBe('users/second');
    await expect(
      kit.call('request.saveAs', { folder: 'users', name: 'second', request: request() }),
    ).rejects.toThrow(/already exists/);

    expect((await kit.call('request.read', { path: 'users/second' })).request.name).toBe('second');
    expect((await kit.call('request.rename', { path: 'users/second', name: 'renamed' })).path).toBe(
      'users/renamed',
    );
    expect((await kit.call('request.duplicate', { path: 'users/renamed' })).path).toBe(
      'users/renamed copy',
    );
    expect(
      (await kit.call('request.move', { path: 'users/renamed copy', toFolder: 'users/archive' }))
        .path,
    ).toBe('users/archive/renamed copy');

    const del = await kit.call('request.delete', { path: 'users/renamed' });
    expect(del.deleted?.name).toBe('renamed');
    await kit.call('request.restore', { path: del.path, request: del.deleted! });
    await expect(
      kit.call('request.restore', { path: del.path, request: del.deleted! }),
    ).rejects.toThrow(/already exists/);

    // A request saved with its proto files references a schema source kept once in workspace.json.
    const files = [resourcePath('protos', 'example.proto')];
    const withProtos = await kit.call('request.save', {
      path: 'users/get',
      request: request(),
      schemaSource: { kind: 'protoFiles', files, importPaths: [] },
    });
    const again = await kit.call('request.saveAs', {
      folder: 'users/archive',
      name: 'protos',
      request: request(),
      schemaSource: { kind: 'protoFiles', files, importPaths: [] },
    });
    expect(withProtos.request.schemaSource).toBeDefined();
    expect(again.request.schemaSource).toBe(withProtos.request.schemaSource);
    expect(
      JSON.parse(readFileSync(join(wsDir, 'workspace.json'), 'utf8')).schemaSources,
    ).toHaveLength(1);
    await kit.call('request.delete', { path: 'users/archive/protos' });

    // Reading it back names that source, so opening the request can load its schema; paths come
    // out absolute (relative ones are relative to the workspace folder).
    const read = await kit.call('request.read', { path: 'users/get' });
    expect(read.schemaSource).toMatchObject({ kind: 'protoFiles', files });
    writeFileSync(
      join(wsDir, 'collections', 'users', 'relative.grpc.json'),
      JSON.stringify({ ...request(), name: 'relative', schemaSource: 'set' }),
    );
    const file = JSON.parse(readFileSync(join(wsDir, 'workspace.json'), 'utf8'));
    file.schemaSources.push({ id: 'set', kind: 'descriptorSet', path: 'protos/api.pb' });
    writeFileSync(join(wsDir, 'workspace.json'), JSON.stringify(file));
    expect((await kit.call('request.read', { path: 'users/relative' })).schemaSource).toEqual({
      id: 'set',
      kind: 'descriptorSet',
      path: join(wsDir, 'protos/api.pb'),
    });
    // A source missing from workspace.json does not stop the request from opening.
    file.schemaSources.pop();
    writeFileSync(join(wsDir, 'workspace.json'), JSON.stringify(file));
    const orphan = await kit.call('request.read', { path: 'users/relative' });
    expect(orphan.request.name).toBe('relative');
    expect(orphan.schemaSourceError).toMatch(/no schema source "set"/);
    await kit.call('request.delete', { path: 'users/relative' });

    const tree = await kit.call('workspace.tree', {});
    const users = tree.collections.find((c) => c.name === 'users');
    expect(users?.kind).toBe('collection');
    const names = users && users.kind !== 'request' ? users.children.map((c) => c.name) : [];
    expect(names).toEqual(['archive', 'get', 'renamed']);
  });

  it('renames, moves and deletes folders; lists a broken file with its error', async () => {
    await kit.call('folder.create', { path: 'tmp/a' });
    expect((await kit.call('folder.rename', { path: 'tmp/a', name: 'b' })).path).toBe('tmp/b');
    expect((await kit.call('folder.move', { path: 'tmp/b', toParent: '' })).path).toBe('b');
    await kit.call('folder.delete', { path: 'b' });
    await kit.call('folder.delete', { path: 'tmp' });
    writeFileSync(
      join(wsDir, 'collections', 'users', 'broken.grpc.json'),
      '{ "version": 1,\n  "name": }',
    );
    const tree = await kit.call('workspace.tree', {});
    const users = tree.collections.find((c) => c.name === 'users');
    const broken =
      users && users.kind !== 'request'
        ? users.children.find((c) => c.name === 'broken')
        : undefined;
    expect(broken).toMatchObject({ kind: 'request' });
    expect(broken && 'error' in broken ? broken.error : '').toMatch(
      /broken\.grpc\.json: not valid JSON/,
    );
    rmSync(join(wsDir, 'collections', 'users', 'broken.grpc.json'));
    expect(tree.collections.some((c) => c.name === 'tmp')).toBe(false);
  });

  it('refuses paths that climb out of the workspace, at the boundary', async () => {
    for (const path of ['../x', 'users/../../x', '/etc/passwd', 'a\\..\\b', 'users/.hidden']) {
      const reply = await errorOf('request.read', { path });
      expect(reply.code).toBe('invalid_input');
      expect(reply.message).toMatch(/^request\.read: path:/);
    }
    const reply = await errorOf('folder.create', { path: 'x/..' });
    expect(reply.code).toBe('invalid_input');
    expect((await errorOf('request.read', { path: 'users/none' })).code).toBe('not_found');
  });

  it('environments keep secrets out of the workspace and out of every answer', async () => {
    const saved = await kit.call('environment.save', {
      name: 'local',
      variables: [
        { name: 'userId', value: '42' },
        { name: 'token', secret: true, value: SECRET },
      ],
    });
    expect(saved.variables).toEqual([
      { name: 'userId', secret: false, value: '42', enabled: true },
      { name: 'token', secret: true, set: true, enabled: true },
    ]);
    expect(JSON.stringify(await kit.call('environment.read', { name: 'local' }))).not.toContain(
      SECRET,
    );
    // Saving again without the secret's value keeps it.
    await kit.call('environment.save', {
      name: 'local',
      variables: [
        { name: 'userId', value: '42' },
        { name: 'token', secret: true },
      ],
    });
    expect((await kit.call('environment.read', { name: 'local' })).variables[1]).toMatchObject({
      set: true,
    });
    await kit.call('secret.set', { environment: 'local', name: 'token', value: SECRET });
    expect(await kit.call('environment.list', {})).toEqual({
      environments: [{ name: 'local' }],
      selected: null,
      secretStorage: { kind: 'key_file', where: join(kit.dataDir, 'secrets.key') },
    });
    expect(await kit.call('environment.select', { name: 'local' })).toEqual({ selected: 'local' });

    const prepared = await kit.call('workspace.prepare', { request: request() });
    expect(prepared.unknown).toEqual([]);
    expect(prepared.request.body).toEqual({ id: '42' });
    expect(prepared.request.metadata[0]?.value).toBe('[secret:token]');
  });

  it('request.start substitutes in the engine and records history without the secret', async () => {
    const { callId } = await kit.call('request.start', {
      schemaId,
      request: request(),
      requestPath: 'users/get',
    });
    const batch = await kit.waitForEvent('call.events', ended(callId));
    expect(batch).toBeDefined();
    const log = await kit.call('call.events', { callId });
    const headers = log.events.find((e) => e.type === 'headers');
    expect(headers && 'metadata' in headers ? headers.metadata : []).toContainEqual({
      key: 'x-echo-token',
      value: SECRET,
    });
    const received = log.events.find((e) => e.type === 'received');
    expect(received && 'message' in received ? JSON.stringify(received.message) : '').toContain(
      '42',
    );

    await kit.waitForEvent('workspace.changed', (p) => p.paths.includes('history'));
    const history = await kit.call('history.list', {});
    const entry = history.entries[0];
    expect(entry).toMatchObject({
      name: 'Get user',
      method: '/example.UserService/GetUser',
      requestPath: 'users/get',
      environment: 'local',
      status: { code: 0 },
    });
    const full = await kit.call('history.get', { id: entry!.id });
    expect(full.entry.request.body).toEqual({ id: '{{userId}}' });
    expect(JSON.stringify(full.entry)).toContain('[secret:token]');
    expect((await kit.call('history.search', { query: 'GetUser' })).entries.length).toBeGreaterThan(
      0,
    );
    expect((await kit.call('history.search', { query: 'no-such-thing-anywhere' })).entries).toEqual(
      [],
    );

    for (const file of filesUnder(wsDir)) expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
  });

  it('history keeps the first and last events of a long call, and plain call.start is recorded too', async () => {
    const changes = () => kit.events.filter((e) => e.topic === 'workspace.changed').length;
    const before = changes();
    const { callId } = await kit.call('call.start', {
      schemaId,
      method: '/example.BatchService/Upload',
      connection: { target, security: { kind: 'plaintext' } },
    });
    for (let i = 0; i < 1200; i++) await kit.call('call.send', { callId, message: {} });
    await kit.call('call.halfClose', { callId });
    await kit.waitForEvent('call.events', ended(callId));
    // History is written right after the call ends, then announced.
    await kit.waitForEvent(
      'workspace.changed',
      (p) => p.paths.includes('history') && changes() > before,
    );
    const listed = (await kit.call('history.list', {})).entries.find(
      (e) => e.method === '/example.BatchService/Upload',
    );
    expect(listed).toBeDefined();
    const { entry } = await kit.call('history.get', { id: listed!.id });
    expect(entry.events).toHaveLength(1000);
    const types = entry.events.map((e) => (e as { type: string }).type);
    expect(types[0]).toBe('started');
    expect(types.at(-1)).toBe('ended');
    expect(types).toContain('status');
  });

  it('an unknown variable refuses the call and says which and where', async () => {
    const reply = await errorOf('request.start', {
      schemaId,
      request: request({ body: { id: '{{nobody}}' } }),
      environment: null,
    });
    expect(reply.code).toBe('invalid_input');
    expect(reply.message).toContain('{{nobody}} in body.id');
    expect(reply.message).toContain('{{token}} in metadata[0].value');
    expect(reply.details).toMatchObject({
      unknown: [
        { name: 'token', where: 'metadata[0].value' },
        { name: 'nobody', where: 'body.id' },
      ],
    });
  });

  it('imports grpcurl, exports and imports a collection, flags stale requests', async () => {
    const imported = await kit.call('import.grpcurl', {
      command: `grpcurl -plaintext -H 'x-a: 1' -d '{"id":"7"}' ${target} example.UserService/GetUser`,
    });
    expect(imported.request).toMatchObject({
      method: '/example.UserService/GetUser',
      body: { id: '7' },
      connection: { address: target },
    });
    expect((await errorOf('import.grpcurl', { command: 'grpcurl' })).code).toBe('invalid_input');

    const { text } = await kit.call('export.collection', { collection: 'users' });
    expect(text).toContain('"format": "gwb-collection"');
    expect(text).not.toContain(SECRET);
    expect(await kit.call('import.collection', { text, asName: 'users2' })).toMatchObject({
      collection: 'users2',
      requests: 3,
    });

    await kit.call('request.save', {
      path: 'users/gone',
      request: request({ method: '/example.UserService/Gone' }),
    });
    const { stale } = await kit.call('workspace.staleRequests', { schemaId });
    expect(stale.map((s) => s.path)).toContain('users/gone');
    expect(stale.map((s) => s.path)).not.toContain('users/get');
  });

  it('reports outside changes as workspace.changed', async () => {
    mkdirSync(join(wsDir, 'collections', 'outside'), { recursive: true });
    writeFileSync(
      join(wsDir, 'collections', 'outside', 'x.grpc.json'),
      JSON.stringify(request({ name: 'x' })),
    );
    const change = await kit.waitForEvent('workspace.changed', (p) =>
      p.paths.some((x) => x.includes('outside')),
    );
    expect(change.paths.length).toBeGreaterThan(0);
  });

  it('opens another folder; clears history; deletes an environment', async () => {
    await kit.call('history.clear', {});
    expect((await kit.call('history.list', {})).entries).toEqual([]);
    await kit.call('environment.delete', { name: 'local' });
    expect(await kit.call('environment.list', {})).toMatchObject({
      environments: [],
      selected: null,
    });
    const other = join(kit.dataDir, 'other-ws');
    expect((await kit.call('workspace.open', { dir: other })).dir).toBe(other);
    expect((await kit.call('workspace.tree', {})).collections).toEqual([]);
    expect((await errorOf('workspace.open', { dir: 'relative/dir' })).code).toBe('invalid_input');
  });

  it('every workspace command was exercised through the router', () => {
    expect([...exercised].filter((n) => Object.hasOwn(workspaceCommands, n)).sort()).toEqual(
      Object.keys(workspaceCommands).sort(),
    );
  });
});

describe('secrets under a key the host provides (the desktop app seals it with the OS keychain)', () => {
  it('uses the host key, reports where secrets live, and writes no key file', async () => {
    const key = Buffer.alloc(32, 3);
    const hosted = startEngineKit({
      secretKey: {
        kind: 'basic_text',
        source: { where: 'the OS keychain (test)', load: () => key },
      },
    });
    try {
      await hosted.call('workspace.open', {});
      await hosted.call('environment.save', {
        name: 'prod',
        variables: [{ name: 'token', secret: true }],
      });
      await hosted.call('secret.set', { environment: 'prod', name: 'token', value: SECRET });
      expect((await hosted.call('environment.list', {})).secretStorage).toEqual({
        kind: 'basic_text',
        where: 'the OS keychain (test)',
      });
      expect((await hosted.call('environment.read', { name: 'prod' })).variables[0]).toMatchObject({
        set: true,
      });
      const files = filesUnder(hosted.baseDir);
      expect(files.some((f) => f.endsWith('secrets.key'))).toBe(false);
      expect(files.filter((f) => readFileSync(f, 'latin1').includes(SECRET))).toEqual([]);
    } finally {
      await hosted.close();
    }
  });
});
