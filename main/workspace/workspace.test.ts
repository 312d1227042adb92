import { describe, it, expect, afterEach } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openWorkspace, WorkspaceError } from './index.js';
import { allFiles, removeDir, sampleRequest, tempDir } from './workspace.testkit.js';

const dirs: string[] = [];
function fresh(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

describe('workspace layout and request files', () => {
  it('creates workspace.json with a version and an id, and a .gitignore for history', () => {
    const dir = fresh();
    const ws = openWorkspace(dir);
    const file = JSON.parse(readFileSync(path.join(dir, 'workspace.json'), 'utf8'));
    expect(file).toEqual({ version: 1, id: ws.id, schemaSources: [] });
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('history/');
    expect(openWorkspace(dir).id).toBe(ws.id);
  });

  it('writes one pretty, stable file per request; re-saving is byte-identical', () => {
    const dir = fresh();
    const ws = openWorkspace(dir);
    // Keys given in a scrambled order still come out in the file's order.
    const { notes, messages, method, name, connection, metadata, deadlineMs, options } =
      sampleRequest({
        schema: { kind: 'protoFiles', files: ['a.proto'], importPaths: ['protos'] },
      });
    ws.saveRequest('users/Get user', {
      notes,
      messages,
      options,
      schema: { importPaths: ['protos'], files: ['a.proto'], kind: 'protoFiles' },
      deadlineMs,
      metadata,
      method,
      connection,
      name,
    });
    const file = path.join(dir, 'collections', 'users', 'Get user.grpc.json');
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text))).toEqual([
      'version',
      'name',
      'connection',
      'schema',
      'method',
      'messages',
      'metadata',
      'deadlineMs',
      'options',
      'notes',
    ]);
    expect(text).toContain('\n  "connection": {\n    "address": "localhost:50051",');
    expect(text).toContain('"schema": {\n    "kind": "protoFiles",\n    "files": [');
    expect(JSON.parse(text).version).toBe(2);
    ws.saveRequest('users/Get user', ws.readRequest('users/Get user'));
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('rejects a bad request with the field path', () => {
    const ws = openWorkspace(fresh());
    expect(() => ws.saveRequest('users/bad', sampleRequest({ method: 'GetUser' }))).toThrow(
      /users\/bad: method: must look like \/package.Service\/Method/,
    );
    expect(() => ws.saveRequest('users/../../etc', sampleRequest())).toThrow(
      /must not start with a dot/,
    );
    expect(() => ws.saveRequest('lonely', sampleRequest())).toThrow(
      /needs a collection and a name/,
    );
    expect(() =>
      ws.saveRequest('users/nan', sampleRequest({ messages: [{ n: Number.NaN }] })),
    ).toThrow(/users\/nan: messages\[0\]\.n: numbers must be finite/);
    expect(() =>
      ws.saveRequest('users/date', sampleRequest({ messages: [{ at: new Date(0) }] as never })),
    ).toThrow(/messages\[0\]\.at: expected a plain JSON object/);
    // A tab's draft may have no method yet; a saved request must name one.
    expect(() => ws.saveRequest('users/none', sampleRequest({ method: '' }))).toThrow(
      /users\/none: method: must look like/,
    );
  });

  it('lists collections, folders and requests as a sorted tree', () => {
    const ws = openWorkspace(fresh());
    ws.saveRequest('users/Get user', sampleRequest());
    ws.saveRequest('users/admin/Delete user', sampleRequest({ name: 'Delete user' }));
    ws.createFolder('files/empty');
    expect(ws.list()).toEqual([
      {
        kind: 'collection',
        name: 'files',
        path: 'files',
        children: [{ kind: 'folder', name: 'empty', path: 'files/empty', children: [] }],
      },
      {
        kind: 'collection',
        name: 'users',
        path: 'users',
        children: [
          {
            kind: 'folder',
            name: 'admin',
            path: 'users/admin',
            children: [
              {
                kind: 'request',
                name: 'Delete user',
                path: 'users/admin/Delete user',
                title: 'Delete user',
                method: '/example.UserService/GetUser',
              },
            ],
          },
          {
            kind: 'request',
            name: 'Get user',
            path: 'users/Get user',
            title: 'Get user',
            method: '/example.UserService/GetUser',
          },
        ],
      },
    ]);
    expect(ws.requestsUnder('users')).toEqual(['users/admin/Delete user', 'users/Get user']);
  });

  it('renames, duplicates, moves and deletes requests (delete returns the request for undo)', () => {
    const ws = openWorkspace(fresh());
    ws.saveRequest('users/Get user', sampleRequest());
    ws.createFolder('users/archive');
    expect(ws.renameRequest('users/Get user', 'Fetch user')).toBe('users/Fetch user');
    expect(ws.readRequest('users/Fetch user').name).toBe('Fetch user');
    expect(ws.duplicateRequest('users/Fetch user')).toBe('users/Fetch user copy');
    expect(ws.duplicateRequest('users/Fetch user')).toBe('users/Fetch user copy 2');
    expect(ws.moveRequest('users/Fetch user copy', 'users/archive')).toBe(
      'users/archive/Fetch user copy',
    );
    expect(() => ws.moveRequest('users/Fetch user copy 2', 'users/nowhere')).toThrow(
      /no folder users\/nowhere/,
    );
    expect(() => ws.renameRequest('users/Fetch user copy 2', 'Fetch user')).toThrow(WorkspaceError);
    const deleted = ws.deleteRequest('users/Fetch user');
    expect(deleted?.messages).toEqual([{ id: '1' }]);
    expect(ws.requestsUnder('users')).toEqual([
      'users/archive/Fetch user copy',
      'users/Fetch user copy 2',
    ]);
    ws.saveRequest('users/Fetch user', deleted!);
    expect(ws.readRequest('users/Fetch user')).toEqual(deleted);
  });

  it('renames, duplicates, moves and deletes folders', () => {
    const ws = openWorkspace(fresh());
    ws.saveRequest('users/admin/Delete', sampleRequest({ name: 'Delete' }));
    ws.createFolder('users/other');
    expect(ws.renameFolder('users/admin', 'root')).toBe('users/root');
    expect(ws.duplicateFolder('users/root')).toBe('users/root copy');
    expect(ws.readRequest('users/root copy/Delete').name).toBe('Delete');
    expect(ws.moveFolder('users/root copy', 'users/other')).toBe('users/other/root copy');
    expect(() => ws.moveFolder('users/other', 'users/other/root copy')).toThrow(/into itself/);
    expect(ws.moveFolder('users/other', '')).toBe('other');
    ws.deleteFolder('other');
    expect(ws.list().map((c) => c.name)).toEqual(['users']);
    expect(ws.requestsUnder('users')).toEqual(['users/root/Delete']);
    expect(allFiles(ws.dir).some((f) => path.basename(f).startsWith('.gwb-tmp-'))).toBe(false);
  });

  it('lists corrupt and hand-broken files with their name and error; the rest loads', () => {
    const dir = fresh();
    const ws = openWorkspace(dir);
    ws.saveRequest('c/good', sampleRequest());
    const folder = path.join(dir, 'collections', 'c');
    writeFileSync(path.join(folder, 'truncated.grpc.json'), '{\n  "version": 2,\n  "name": "x",\n');
    writeFileSync(path.join(folder, 'empty.grpc.json'), '');
    writeFileSync(
      path.join(folder, 'wrong.grpc.json'),
      readFileSync(path.join(folder, 'good.grpc.json'), 'utf8').replace(
        '"address": "localhost:50051"',
        '"address": 5',
      ),
    );
    writeFileSync(path.join(folder, 'comma.grpc.json'), '{\n  "version": 2,\n  "name": "x",,\n}\n');
    writeFileSync(path.join(folder, 'future.grpc.json'), '{"version": 3, "name": "x"}');
    const nodes = ws.list()[0]!.children;
    const byName = Object.fromEntries(nodes.map((n) => [n.name, n]));
    expect(byName.good).toMatchObject({ title: 'Get user' });
    expect(byName.truncated).toMatchObject({
      error: expect.stringMatching(/truncated\.grpc\.json: not valid JSON at line \d+, column \d+/),
    });
    expect(byName.empty).toMatchObject({
      error: expect.stringMatching(/empty\.grpc\.json: the file is empty/),
    });
    expect(byName.wrong).toMatchObject({
      error: expect.stringMatching(/wrong\.grpc\.json: connection\.address: .*string/i),
    });
    expect(byName.comma).toMatchObject({
      error: expect.stringMatching(
        /comma\.grpc\.json: not valid JSON at line 3, column 15: Expected double-quoted property name/,
      ),
    });
    expect(byName.future).toMatchObject({
      error: expect.stringMatching(
        /future\.grpc\.json: version: format 3 is newer than this app reads \(2\)/,
      ),
    });
    expect(() => ws.readRequest('c/wrong')).toThrow(/connection\.address/);
  });

  it('reports a broken workspace.json without locking the user out of their requests', () => {
    const dir = fresh();
    const ws = openWorkspace(dir);
    ws.saveRequest('c/r', sampleRequest());
    writeFileSync(
      path.join(dir, 'workspace.json'),
      '{"version": 1, "id": "x", "schemaSources": [{"id": "a", "kind": "nope"}]}',
    );
    // Reported, not fatal: requests still list; the file is left for the user.
    const broken = openWorkspace(dir);
    expect(broken.problems).toEqual([
      expect.stringMatching(/workspace\.json: schemaSources\[0\]\.kind/),
    ]);
    expect(broken.requestsUnder('c')).toEqual(['c/r']);
    expect(readFileSync(path.join(dir, 'workspace.json'), 'utf8')).toContain('"nope"');
  });
});
