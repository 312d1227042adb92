import { describe, it, expect, afterEach } from 'vitest';
import { openWorkspace } from '../index.js';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';
import { exportCollection, importCollection } from './collection-file.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

describe('collection export and import', () => {
  it('round-trips a collection (folders, empty folders, schema sources) into another workspace', () => {
    const a = openWorkspace(tempDir());
    const b = openWorkspace(tempDir());
    dirs.push(a.dir, b.dir);
    a.schemaSources.save({
      id: 'demo',
      kind: 'protoFiles',
      files: ['example.proto'],
      importPaths: ['protos'],
    });
    a.saveRequest('users/Get user', sampleRequest({ schemaSource: 'demo' }));
    a.saveRequest('users/admin/Other', sampleRequest({ name: 'Other', body: { id: '{{id}}' } }));
    a.createFolder('users/empty');
    a.saveRequest('unrelated/x', sampleRequest());
    const text = exportCollection(a, 'users');
    expect(JSON.parse(text)).toMatchObject({
      format: 'gwb-collection',
      version: 1,
      name: 'users',
      folders: ['admin', 'empty'],
    });
    expect(text).not.toContain('unrelated');

    // b already has a different source under the same id: the import gets a new id and re-points.
    b.schemaSources.save({ id: 'demo', kind: 'descriptorSet', path: 'other.protoset' });
    expect(importCollection(b, text)).toEqual({ collection: 'users', requests: 2 });
    expect(
      b
        .list()
        .find((c) => c.name === 'users')!
        .children.map((n) => n.name),
    ).toEqual(['admin', 'empty', 'Get user']);
    const imported = b.readRequest('users/Get user');
    expect(imported.schemaSource).toBe('demo-2');
    expect(b.schemaSources.get('demo-2')).toEqual({
      id: 'demo-2',
      kind: 'protoFiles',
      files: ['example.proto'],
      importPaths: ['protos'],
    });
    expect({ ...imported, schemaSource: 'demo' }).toEqual(a.readRequest('users/Get user'));
    expect(b.readRequest('users/admin/Other')).toEqual(a.readRequest('users/admin/Other'));

    // Back into the first workspace under a new name: identical, sources reused.
    importCollection(a, exportCollection(b, 'users'), { asName: 'users again' });
    expect(a.readRequest('users again/Get user')).toEqual(a.readRequest('users/Get user'));
    expect(a.schemaSources.list().map((s) => s.id)).toEqual(['demo']);
    expect(() => importCollection(a, text)).toThrow(/already exists/);
    expect(() =>
      importCollection(a, '{"format": "gwb-collection", "version": 2}', { file: 'x.json' }),
    ).toThrow(/x\.json: version/);
  });
});
