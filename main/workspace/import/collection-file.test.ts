import { describe, it, expect, afterEach } from 'vitest';
import { openWorkspace } from '../index.js';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';
import { exportCollection, importCollection } from './collection-file.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

describe('collection export and import', () => {
  it('round-trips a collection (folders, empty folders, inline schema sources) into another workspace', () => {
    const a = openWorkspace(tempDir());
    const b = openWorkspace(tempDir());
    dirs.push(a.dir, b.dir);
    const schema = {
      kind: 'protoFiles' as const,
      files: ['example.proto'],
      importPaths: ['protos'],
    };
    a.saveRequest('users/Get user', sampleRequest({ schema }));
    a.saveRequest(
      'users/admin/Other',
      sampleRequest({ name: 'Other', messages: [{ id: '{{id}}' }, { id: '2' }] }),
    );
    a.createFolder('users/empty');
    a.saveRequest('unrelated/x', sampleRequest());
    const text = exportCollection(a, 'users');
    expect(JSON.parse(text)).toMatchObject({
      format: 'gwb-collection',
      version: 2,
      name: 'users',
      folders: ['admin', 'empty'],
    });
    expect(text).not.toContain('unrelated');

    expect(importCollection(b, text)).toEqual({ collection: 'users', requests: 2 });
    expect(b.listFolder('users').children.map((n) => n.name)).toEqual([
      'admin',
      'empty',
      'Get user',
    ]);
    expect(b.readRequest('users/Get user')).toEqual(a.readRequest('users/Get user'));
    expect(b.readRequest('users/Get user').schema).toEqual(schema);
    expect(b.readRequest('users/admin/Other')).toEqual(a.readRequest('users/admin/Other'));

    // Back into the first workspace under a new name: identical.
    importCollection(a, exportCollection(b, 'users'), { asName: 'users again' });
    expect(a.readRequest('users again/Get user')).toEqual(a.readRequest('users/Get user'));
    expect(() => importCollection(a, text)).toThrow(/already exists/);
    expect(() =>
      importCollection(a, '{"format": "gwb-collection", "version": 3}', { file: 'x.json' }),
    ).toThrow(/x\.json: version/);
  });

  it('imports an export of format 1: its schema sources go inline into the requests', () => {
    const ws = openWorkspace(tempDir());
    dirs.push(ws.dir);
    const request = (over: Record<string, unknown>) => ({
      version: 1,
      name: 'Get user',
      connection: { address: 'localhost:50051', security: { kind: 'plaintext' } },
      method: '/example.UserService/GetUser',
      body: { id: '1' },
      metadata: [],
      options: {},
      notes: '',
      ...over,
    });
    const old = {
      format: 'gwb-collection',
      version: 1,
      name: 'users',
      schemaSources: [
        { id: 'demo', kind: 'protoFiles', files: ['example.proto'], importPaths: [] },
      ],
      folders: ['admin'],
      requests: [
        { path: 'Get user', request: request({ schemaSource: 'demo' }) },
        { path: 'admin/Stream', request: request({ name: 'Stream', body: [{ a: 1 }, { a: 2 }] }) },
      ],
    };
    expect(importCollection(ws, JSON.stringify(old))).toEqual({ collection: 'users', requests: 2 });
    expect(ws.readRequest('users/Get user')).toMatchObject({
      version: 2,
      schema: { kind: 'protoFiles', files: ['example.proto'], importPaths: [] },
      messages: [{ id: '1' }],
    });
    expect(ws.readRequest('users/admin/Stream').messages).toEqual([{ a: 1 }, { a: 2 }]);

    const orphan = {
      ...old,
      requests: [{ path: 'x', request: request({ schemaSource: 'nope' }) }],
    };
    expect(() =>
      importCollection(ws, JSON.stringify(orphan), { asName: 'other', file: 'old.json' }),
    ).toThrow(/old\.json: requests\.0: schemaSource: no schema source "nope"/);
    expect(ws.hasFolder('other')).toBe(false);
  });
});
