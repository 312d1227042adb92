import { describe, it, expect, afterEach } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../index.js';
import { fileProbe } from '../store/json-file.js';
import { removeDir, tempDir } from '../workspace.testkit.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
  delete fileProbe.onRead;
});

const SOURCES = [
  { id: 'demo', kind: 'protoFiles', files: ['example.proto'], importPaths: ['protos'] },
  { id: 'set', kind: 'descriptorSet', path: 'api.protoset' },
  {
    id: 'live',
    kind: 'reflection',
    address: '',
    metadata: [{ key: 'x-reflect', value: '{{token}}' }],
  },
  { id: 'elsewhere', kind: 'reflection', address: 'schema-server:9000' },
];

/** A workspace whose workspace.json is format 1 with schema sources, as format-1 apps wrote it. */
function v1Workspace(): Workspace {
  const dir = tempDir();
  dirs.push(dir);
  writeFileSync(
    path.join(dir, 'workspace.json'),
    JSON.stringify({ version: 1, id: 'ws-1', schemaSources: SOURCES }),
  );
  return openWorkspace(dir);
}

function v1Request(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    name: 'Get user',
    connection: { address: 'localhost:50051', security: { kind: 'plaintext' } },
    method: '/example.UserService/GetUser',
    body: { id: '1' },
    metadata: [{ key: 'x-trace', value: 'abc' }],
    options: {},
    notes: '',
    ...over,
  };
}

function put(ws: Workspace, requestPath: string, value: unknown): { file: string; text: string } {
  const file = path.join(ws.dir, 'collections', ...requestPath.split('/')) + '.grpc.json';
  mkdirSync(path.dirname(file), { recursive: true });
  const text = JSON.stringify(value, null, 2);
  writeFileSync(file, text);
  return { file, text };
}

const backupOf = (ws: Workspace, format: number, requestPath: string): string =>
  path.join(ws.dir, '.gwb-backup', `v${format}`, 'collections', `${requestPath}.grpc.json`);

describe('migrating saved requests to format 2', () => {
  it('v1: one body becomes one message, the schema source id becomes the source inline', () => {
    const ws = v1Workspace();
    const { text } = put(ws, 'c/get', v1Request({ schemaSource: 'demo', deadlineMs: 900 }));
    expect(ws.readRequest('c/get')).toEqual({
      version: 2,
      name: 'Get user',
      connection: { address: 'localhost:50051', security: { kind: 'plaintext' } },
      schema: { kind: 'protoFiles', files: ['example.proto'], importPaths: ['protos'] },
      method: '/example.UserService/GetUser',
      messages: [{ id: '1' }],
      metadata: [{ key: 'x-trace', value: 'abc' }],
      deadlineMs: 900,
      options: {},
      notes: '',
    });
    // The original is kept byte for byte; the file itself is now format 2, in the file's key order.
    expect(readFileSync(backupOf(ws, 1, 'c/get'), 'utf8')).toBe(text);
    const rewritten = readFileSync(path.join(ws.dir, 'collections', 'c', 'get.grpc.json'), 'utf8');
    expect(Object.keys(JSON.parse(rewritten))).toEqual([
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
    expect(readFileSync(path.join(ws.dir, '.gwb-backup', 'migration.log'), 'utf8')).toMatch(
      /collections\/c\/get\.grpc\.json: format 1 → 2, original in \.gwb-backup\/v1\/collections\/c\/get\.grpc\.json\n$/,
    );
    // Read again: already format 2, nothing is migrated twice.
    ws.readRequest('c/get');
    expect(existsSync(`${backupOf(ws, 1, 'c/get')}.2`)).toBe(false);
  });

  it('v1: an array body is the list of messages; each kind of source maps onto format 2', () => {
    const ws = v1Workspace();
    put(ws, 'c/stream', v1Request({ body: [{ n: 1 }, { n: 2 }], schemaSource: 'set' }));
    put(ws, 'c/reflect', v1Request({ schemaSource: 'live' }));
    put(ws, 'c/plain', v1Request());
    expect(ws.readRequest('c/stream')).toMatchObject({
      messages: [{ n: 1 }, { n: 2 }],
      schema: { kind: 'descriptorSet', files: ['api.protoset'] },
    });
    expect(ws.readRequest('c/reflect').schema).toEqual({
      kind: 'reflection',
      metadata: [{ key: 'x-reflect', value: '{{token}}' }],
    });
    // No source: reflection on the request's own connection, which format 2 says by leaving it out.
    expect(ws.readRequest('c/plain').schema).toBeUndefined();
  });

  it('v1: reflection on another server keeps the request where it was sent, and says so', () => {
    const ws = v1Workspace();
    put(ws, 'c/far', v1Request({ schemaSource: 'elsewhere', notes: 'My notes.' }));
    const request = ws.readRequest('c/far');
    expect(request.connection.address).toBe('localhost:50051');
    expect(request.schema).toBeUndefined();
    expect(request.notes).toBe(
      'My notes.\n\nMigrated from format 1: its schema came from server reflection on ' +
        'schema-server:9000 (schema source "elsewhere"); it now comes from reflection on the ' +
        "request's own address, localhost:50051, where it is still sent.",
    );
    expect(readFileSync(path.join(ws.dir, '.gwb-backup', 'migration.log'), 'utf8')).toContain(
      '  its schema came from server reflection on schema-server:9000',
    );
  });

  it('v1: a schema source id missing from workspace.json is an error naming file and id; nothing is touched', () => {
    const ws = v1Workspace();
    const { file, text } = put(ws, 'c/orphan', v1Request({ schemaSource: 'gone' }));
    expect(() => ws.readRequest('c/orphan')).toThrow(
      new RegExp(
        `${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: schemaSource: no schema source "gone" in workspace\\.json`,
      ),
    );
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(existsSync(backupOf(ws, 1, 'c/orphan'))).toBe(false);
    // The tree lists it with that error; the rest of the workspace loads.
    put(ws, 'c/fine', v1Request());
    const nodes = ws.list()[0]!.children;
    expect(nodes.find((n) => n.name === 'orphan')).toMatchObject({
      error: expect.stringContaining('no schema source "gone"'),
    });
    expect(nodes.find((n) => n.name === 'fine')).toMatchObject({ title: 'Get user' });
  });

  it('v1: a field format 2 refuses is an error with its path; the file is left as it was', () => {
    const ws = v1Workspace();
    const { file, text } = put(
      ws,
      'c/bad',
      v1Request({ connection: { address: 'x:1', security: { kind: 'tls', caFile: '' } } }),
    );
    expect(() => ws.readRequest('c/bad')).toThrow(/bad\.grpc\.json: connection\.security\.caFile/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a listing reads workspace.json once for all its format-1 files, and not at all without them', () => {
    const ws = v1Workspace();
    for (let i = 0; i < 5; i++) put(ws, `c/r${i}`, v1Request({ schemaSource: 'demo' }));
    const reads: string[] = [];
    fileProbe.onRead = (file) => reads.push(path.basename(file));
    expect(ws.list()[0]!.children).toHaveLength(5);
    expect(reads.filter((f) => f === 'workspace.json')).toHaveLength(1);
    reads.length = 0;
    ws.list();
    expect(reads.filter((f) => f === 'workspace.json')).toHaveLength(0);
    expect(reads).toHaveLength(5);
  });

  it('v0 migrates straight to format 2, with its backup under v0', () => {
    const ws = v1Workspace();
    const v0 = {
      name: 'Legacy',
      url: 'localhost:1',
      method: 'example.UserService.GetUser',
      plaintext: true,
      data: '{"id":"2"}',
      headers: { 'x-a': 'b' },
      timeoutSeconds: 1.5,
    };
    const { text } = put(ws, 'old/legacy', v0);
    expect(ws.readRequest('old/legacy')).toEqual({
      version: 2,
      name: 'Legacy',
      connection: { address: 'localhost:1', security: { kind: 'plaintext' } },
      method: '/example.UserService/GetUser',
      messages: [{ id: '2' }],
      metadata: [{ key: 'x-a', value: 'b' }],
      deadlineMs: 1500,
      options: {},
      notes: '',
    });
    expect(readFileSync(backupOf(ws, 0, 'old/legacy'), 'utf8')).toBe(text);
    const broken = put(ws, 'old/broken', { ...v0, data: '{not json' });
    expect(() => ws.readRequest('old/broken')).toThrow(
      /data: the v0 request body is not valid JSON/,
    );
    expect(readFileSync(broken.file, 'utf8')).toBe(broken.text);
  });

  it('a second migration of the same path keeps the first backup', () => {
    const ws = v1Workspace();
    const first = put(ws, 'c/twice', v1Request({ name: 'first' }));
    ws.readRequest('c/twice');
    const second = put(ws, 'c/twice', v1Request({ name: 'second' }));
    ws.readRequest('c/twice');
    expect(readFileSync(backupOf(ws, 1, 'c/twice'), 'utf8')).toBe(first.text);
    expect(readFileSync(`${backupOf(ws, 1, 'c/twice')}.2`, 'utf8')).toBe(second.text);
  });
});
