import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallEvent } from '../../shared/calls/events.js';
import type { WorkspaceChange } from '../../shared/contract/workspace-commands.js';
import { workspaceCommands } from '../../shared/contract/workspace-commands.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { findMethod } from '../../shared/schema/methods.js';
import { resourcePath } from '../resources.js';
import { loadProtoFiles, type LoadedSchema } from '../schema/index.js';
import type { CallStart } from './call-observer.js';
import { changesOf, startWorkspaceKit, type WorkspaceKit } from './workspace.testkit.js';

// The workspace commands through the real router, on real folders; what each changes is told as
// typed `workspace.changed` events.

const exercised = new Set<string>();
let kit: WorkspaceKit;
let wsDir: string;
let example: LoadedSchema;
const SECRET = `SENTINEL-${randomUUID()}`;

function request(over: Partial<RequestDocument> = {}): RequestDocument {
  return {
    name: 'Get user',
    connection: { address: '127.0.0.1:50051', security: { kind: 'plaintext' } },
    method: '/example.UserService/GetUser',
    messages: [{ id: '{{userId}}' }],
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

/** The app changes recorded while `work` ran. */
async function appChanges(work: () => Promise<unknown>): Promise<WorkspaceChange[]> {
  const before = kit.events.length;
  await work();
  return changesOf(kit.events.slice(before), 'app');
}

beforeAll(async () => {
  kit = startWorkspaceKit();
  const original = kit.call;
  kit.call = (name, input) => {
    exercised.add(name);
    return original(name, input);
  };
  example = loadProtoFiles({
    files: ['example.proto'],
    importPaths: [resourcePath('protos')],
  });
  kit.schemas.set('schema-example', example);
  const opened = await kit.call('workspace.open', {});
  wsDir = opened.dir;
  expect(wsDir).toBe(join(kit.dataDir, 'workspace'));
  expect(kit.engine.currentDir()).toBe(wsDir);
});

afterAll(() => {
  kit.close();
});

describe('workspace commands', () => {
  it('saves, reads, renames, duplicates, moves, deletes and restores requests, telling each change', async () => {
    expect(
      await appChanges(async () => {
        await kit.call('folder.create', { path: 'users' });
        await kit.call('folder.create', { path: 'users/archive' });
        await kit.call('folder.create', { path: 'users/archive' });
      }),
    ).toEqual([
      {
        kind: 'folder.created',
        path: 'users',
        node: { kind: 'collection', name: 'users', path: 'users', children: [] },
      },
      {
        kind: 'folder.created',
        path: 'users/archive',
        node: { kind: 'folder', name: 'archive', path: 'users/archive', children: [] },
      },
    ]);

    const schema = {
      kind: 'protoFiles' as const,
      files: ['example.proto'],
      importPaths: ['protos'],
    };
    let saved: Awaited<ReturnType<typeof kit.call<'request.save'>>> | undefined;
    expect(
      await appChanges(async () => {
        saved = await kit.call('request.save', { path: 'users/get', request: request({ schema }) });
      }),
    ).toEqual([
      {
        kind: 'request.saved',
        path: 'users/get',
        node: {
          kind: 'request',
          name: 'get',
          path: 'users/get',
          title: 'Get user',
          method: '/example.UserService/GetUser',
        },
      },
    ]);
    expect(saved?.request).toMatchObject({ version: 2, schema, messages: [{ id: '{{userId}}' }] });
    expect((await kit.call('request.read', { path: 'users/get' })).request).toEqual(saved?.request);

    const as = await kit.call('request.saveAs', {
      folder: 'users',
      name: 'second',
      request: request(),
    });
    expect(as.path).toBe('users/second');
    expect(as.request.name).toBe('second');
    await expect(
      kit.call('request.saveAs', { folder: 'users', name: 'second', request: request() }),
    ).rejects.toThrow(/already exists/);
    // A tab's draft without a method cannot be saved: the answer says which field.
    await expect(
      kit.call('request.save', { path: 'users/nomethod', request: request({ method: '' }) }),
    ).rejects.toThrow(/users\/nomethod: method: must look like/);

    expect(
      await appChanges(() => kit.call('request.rename', { path: 'users/second', name: 'renamed' })),
    ).toEqual([
      {
        kind: 'moved',
        from: 'users/second',
        to: 'users/renamed',
        node: {
          kind: 'request',
          name: 'renamed',
          path: 'users/renamed',
          title: 'renamed',
          method: '/example.UserService/GetUser',
        },
      },
    ]);
    expect(
      await appChanges(() => kit.call('request.duplicate', { path: 'users/renamed' })),
    ).toMatchObject([{ kind: 'request.saved', path: 'users/renamed copy' }]);
    expect(
      await appChanges(() =>
        kit.call('request.move', { path: 'users/renamed copy', toFolder: 'users/archive' }),
      ),
    ).toEqual([
      {
        kind: 'moved',
        from: 'users/renamed copy',
        to: 'users/archive/renamed copy',
        node: {
          kind: 'request',
          name: 'renamed copy',
          path: 'users/archive/renamed copy',
          title: 'renamed copy',
          method: '/example.UserService/GetUser',
        },
      },
    ]);

    let del: Awaited<ReturnType<typeof kit.call<'request.delete'>>> | undefined;
    expect(
      await appChanges(async () => {
        del = await kit.call('request.delete', { path: 'users/renamed' });
      }),
    ).toEqual([{ kind: 'request.deleted', path: 'users/renamed' }]);
    expect(del?.deleted?.name).toBe('renamed');
    const { version: _version, ...document } = del!.deleted!;
    expect(
      await appChanges(() =>
        kit.call('request.restore', { path: 'users/renamed', request: document }),
      ),
    ).toMatchObject([{ kind: 'request.saved', path: 'users/renamed' }]);
    await expect(
      kit.call('request.restore', { path: 'users/renamed', request: document }),
    ).rejects.toThrow(/already exists/);

    const tree = await kit.call('workspace.tree', {});
    const users = tree.collections.find((c) => c.name === 'users');
    const names = users && users.kind !== 'request' ? users.children.map((c) => c.name) : [];
    expect(names).toEqual(['archive', 'get', 'renamed']);
  });

  it('renames, moves and deletes folders (a moved folder comes with its content); lists a broken file', async () => {
    await kit.call('folder.create', { path: 'tmp/a' });
    await kit.call('request.save', { path: 'tmp/a/inside', request: request({ name: 'Inside' }) });
    expect(await appChanges(() => kit.call('folder.rename', { path: 'tmp/a', name: 'b' }))).toEqual(
      [
        {
          kind: 'moved',
          from: 'tmp/a',
          to: 'tmp/b',
          node: {
            kind: 'folder',
            name: 'b',
            path: 'tmp/b',
            children: [
              {
                kind: 'request',
                name: 'inside',
                path: 'tmp/b/inside',
                title: 'Inside',
                method: '/example.UserService/GetUser',
              },
            ],
          },
        },
      ],
    );
    expect(
      await appChanges(() => kit.call('folder.move', { path: 'tmp/b', toParent: '' })),
    ).toMatchObject([{ kind: 'moved', from: 'tmp/b', to: 'b', node: { kind: 'collection' } }]);
    expect(await appChanges(() => kit.call('folder.delete', { path: 'b' }))).toEqual([
      { kind: 'folder.deleted', path: 'b' },
    ]);
    await kit.call('folder.delete', { path: 'tmp' });
    writeFileSync(
      join(wsDir, 'collections', 'users', 'broken.grpc.json'),
      '{ "version": 2,\n  "name": }',
    );
    const tree = await kit.call('workspace.tree', {});
    const users = tree.collections.find((c) => c.name === 'users');
    const broken =
      users && users.kind !== 'request'
        ? users.children.find((c) => c.name === 'broken')
        : undefined;
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
    const changes = await appChanges(async () => {
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
    });
    expect(changes).toEqual([{ kind: 'environment.changed', name: 'local', deleted: false }]);
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
    expect(prepared.request.messages).toEqual([{ id: '42' }]);
    expect(prepared.request.metadata[0]?.value).toBe('[secret:token]');
  });

  it('prepareCall substitutes with the selected, a named or no environment, and reports unknown variables', async () => {
    const call = await kit.engine.prepareCall({ request: request() });
    expect(call.request.metadata[0]?.value).toBe(SECRET);
    expect(call.request.messages).toEqual([{ id: '42' }]);
    expect(call.secrets).toEqual(new Map([['token', SECRET]]));
    expect(call.environment).toBe('local');
    expect(call.baseDir).toBe(wsDir);

    const none = await kit.engine.prepareCall({
      request: request({ messages: [{}, { id: '{{nobody}}' }] }),
      environment: null,
    });
    expect(none.environment).toBeUndefined();
    expect(none.unknown).toEqual([
      { name: 'token', where: 'header "x-echo-token" (metadata[0].value)' },
      { name: 'nobody', where: 'messages[1].id' },
    ]);
    await expect(
      kit.engine.prepareCall({ request: request(), environment: 'nope' }),
    ).rejects.toThrow(/no environment named "nope"/);
  });

  it('the history observer appends the ended call as its template, secrets masked', async () => {
    const template = request();
    const method = findMethod(example.model, template.method)!;
    const start: CallStart = {
      callId: 'call-1',
      method,
      template,
      requestPath: 'users/get',
      environment: 'local',
      secrets: new Map([['token', SECRET]]),
      keepRaw: false,
      schema: example,
      target: '127.0.0.1:50051',
      metadata: [{ key: 'x-echo-token', value: SECRET }],
      note: () => undefined,
    };
    // A log that still holds the secret: the call session masks every event at its source
    // (call-session.ts push), and the observer masks the entry again with every secret.
    const unmasked = [
      {
        seq: 0,
        t: 0,
        type: 'started',
        at: 1,
        method: template.method,
        kind: 'unary',
        target: '127.0.0.1:50051',
        metadata: [{ key: 'x-echo-token', value: SECRET }],
      },
      { seq: 1, t: 1, type: 'sent', message: { id: '42' }, size: 4 },
      { seq: 2, t: 2, type: 'headers', metadata: [{ key: 'x-echo-token', value: SECRET }] },
      { seq: 3, t: 3, type: 'received', message: { id: '42', name: 'Ada' }, size: 9 },
      {
        seq: 4,
        t: 4,
        type: 'status',
        status: { code: 0, codeName: 'OK', message: '', details: [] },
      },
      { seq: 5, t: 5, type: 'ended', durationMs: 5 },
    ] as CallEvent[];
    const events = unmasked;
    const changes = await appChanges(async () => {
      const observer = kit.engine.historyObserver(start);
      for (const e of events) observer?.onEvent?.(e);
      observer?.onEnded?.(events);
      // Told once the entry's batch is on disk (history-writer.ts), within a turn or two.
      await kit.engine.flushHistory();
    });
    expect(changes).toEqual([{ kind: 'history.changed' }]);
    const history = await kit.call('history.list', {});
    expect(history.entries[0]).toMatchObject({
      name: 'Get user',
      method: '/example.UserService/GetUser',
      address: '127.0.0.1:50051',
      requestPath: 'users/get',
      environment: 'local',
      status: { code: 0 },
      durationMs: 5,
    });
    const full = await kit.call('history.get', { id: history.entries[0]!.id });
    expect(full.entry.request).toEqual(template);
    expect(JSON.stringify(full.entry)).toContain('[secret:token]');
    expect((await kit.call('history.search', { query: 'GetUser' })).entries.length).toBe(1);
    expect((await kit.call('history.search', { query: 'no-such-thing-anywhere' })).entries).toEqual(
      [],
    );
    for (const file of filesUnder(wsDir)) expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
  });

  it('imports grpcurl (several messages), exports and imports a collection, flags stale requests', async () => {
    const imported = await kit.call('import.grpcurl', {
      command: `grpcurl -plaintext -H 'x-a: 1' -d '{"id":"7"} {"id":"8"}' 127.0.0.1:1 example.UserService/GetUser`,
    });
    expect(imported.request).toMatchObject({
      method: '/example.UserService/GetUser',
      messages: [{ id: '7' }, { id: '8' }],
      connection: { address: '127.0.0.1:1', security: { kind: 'plaintext' } },
      metadata: [{ key: 'x-a', value: '1' }],
    });
    const bad = await errorOf('import.grpcurl', { command: 'grpcurl -max-time x a:1 a.B/C' });
    expect(bad.code).toBe('invalid_input');
    expect(bad.message).toMatch(/max-time/);

    const { text } = await kit.call('export.collection', { collection: 'users' });
    expect(text).toContain('"format": "gwb-collection"');
    expect(text).not.toContain(SECRET);
    const changes = await appChanges(() =>
      kit.call('import.collection', { text, asName: 'users2' }),
    );
    // One event for the whole import.
    expect(kit.events.filter((e) => e.topic === 'workspace.changed').at(-1)).toMatchObject({
      payload: { origin: 'app' },
    });
    expect(
      changes.filter((c) => c.kind === 'request.saved').map((c) => 'path' in c && c.path),
    ).toEqual(['users2/archive/renamed copy', 'users2/get', 'users2/renamed']);

    await kit.call('request.save', {
      path: 'users/gone',
      request: request({ method: '/example.UserService/Gone' }),
    });
    const { stale } = await kit.call('workspace.staleRequests', { schemaId: 'schema-example' });
    expect(stale.map((s) => s.path)).toContain('users/gone');
    expect(stale.map((s) => s.path)).not.toContain('users/get');
    expect((await errorOf('workspace.staleRequests', { schemaId: 'schema-none' })).code).toBe(
      'not_found',
    );
  });

  it('opens another folder; clears history; deletes an environment', async () => {
    expect(await appChanges(() => kit.call('history.clear', {}))).toEqual([
      { kind: 'history.changed' },
    ]);
    expect((await kit.call('history.list', {})).entries).toEqual([]);
    expect(await appChanges(() => kit.call('environment.delete', { name: 'local' }))).toEqual([
      { kind: 'environment.changed', name: 'local', deleted: true },
    ]);
    expect(await kit.call('environment.list', {})).toMatchObject({
      environments: [],
      selected: null,
    });
    const other = join(kit.dataDir, 'other-ws');
    expect((await kit.call('workspace.open', { dir: other })).dir).toBe(other);
    expect(kit.engine.currentDir()).toBe(other);
    expect((await kit.call('workspace.tree', {})).collections).toEqual([]);
    expect((await errorOf('workspace.open', { dir: 'relative/dir' })).code).toBe('invalid_input');
    await kit.call('workspace.open', {});
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
    const hosted = startWorkspaceKit({
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
      hosted.close();
    }
  });
});
