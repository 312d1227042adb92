import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDemoServer, type DemoServer } from '../../demo/demo-server.js';
import { resourcePath } from '../../resources.js';
import {
  exportCollection,
  FileSecretStore,
  openWorkspace,
  requestRun,
  type Workspace,
} from '../index.js';
import {
  allFiles,
  filesContaining,
  removeDir,
  sampleRequest,
  tempDir,
} from '../workspace.testkit.js';

let server: DemoServer;
let ws: Workspace;
let dataDir: string;
let store: FileSecretStore;
const SENTINEL = `SENTINEL-${randomUUID()}`;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  dataDir = tempDir('gwb-data-');
  ws = openWorkspace(tempDir());
  store = new FileSecretStore({
    file: path.join(dataDir, 'secrets.enc.json'),
    keyFile: path.join(dataDir, 'secrets.key'),
    namespace: ws.id,
  });
  ws = openWorkspace(ws.dir, { secrets: store });
});

afterAll(async () => {
  await server.close();
  removeDir(ws.dir);
  removeDir(dataDir);
});

describe('secrets', () => {
  it('are encrypted outside the workspace and never reach workspace files, exports or history', async () => {
    await ws.environments.save({
      name: 'prod',
      variables: [
        { name: 'host', value: `127.0.0.1:${server.port}` },
        { name: 'token', value: SENTINEL, secret: true },
      ],
    });
    // The token goes into metadata the demo echoes back (headers and trailers) and into the body.
    ws.saveRequest(
      'api/echo',
      sampleRequest({
        connection: { address: '{{host}}', security: { kind: 'plaintext' } },
        schema: {
          kind: 'protoFiles',
          files: ['example.proto'],
          importPaths: [resourcePath('protos')],
        },
        metadata: [{ key: 'x-echo-auth', value: 'Bearer {{token}}' }],
        messages: [{ id: '{{token}}' }],
      }),
    );
    const result = await requestRun(ws.dir, 'api/echo', { secrets: store, env: 'prod' });
    // It was really sent: the server answers NotFound for the id, quoting it.
    expect(result.exitCode).toBe(69);
    expect(result.stderr).toContain(SENTINEL);

    const entry = ws.history.list().entries[0]!;
    const entryText = JSON.stringify(entry);
    expect(entryText).toContain('Bearer [secret:token]');
    expect(entryText).toContain('user \\"[secret:token]\\" not found');

    const exported = exportCollection(ws, 'api');
    writeFileSync(path.join(ws.dir, 'api.export.json'), exported);
    expect(exported).not.toContain(SENTINEL);
    expect(allFiles(ws.dir).length).toBeGreaterThan(4);
    expect(filesContaining(ws.dir, SENTINEL)).toEqual([]);
    expect(ws.environments.read('prod').variables).toEqual([
      { name: 'host', value: `127.0.0.1:${server.port}` },
      { name: 'token', secret: true },
    ]);
    // The store file holds ciphertext only; the key file is private.
    expect(filesContaining(dataDir, SENTINEL)).toEqual([]);
    expect(statSync(path.join(dataDir, 'secrets.key')).mode & 0o777).toBe(0o600);
    expect(await store.get('prod', 'token')).toBe(SENTINEL);
  });

  it('rejects a wrong key or a damaged file with a clear error, and forgets secrets that stop being secret', async () => {
    const other = new FileSecretStore({
      file: path.join(dataDir, 'secrets.enc.json'),
      keyFile: path.join(dataDir, 'other.key'),
      namespace: ws.id,
    });
    await expect(other.get('prod', 'token')).rejects.toThrow(
      /cannot decrypt the secrets with the key in .*other\.key/,
    );
    const sealed = JSON.parse(readFileSync(path.join(dataDir, 'secrets.enc.json'), 'utf8'));
    const tampered = path.join(dataDir, 'tampered.json');
    writeFileSync(
      tampered,
      JSON.stringify({ ...sealed, data: Buffer.from('x'.repeat(20)).toString('base64') }),
    );
    await expect(
      new FileSecretStore({ file: tampered, keyFile: path.join(dataDir, 'secrets.key') }).get(
        'a',
        'b',
      ),
    ).rejects.toThrow(/wrong key or a damaged file/);
    // Another workspace sharing the file does not see this one's secrets.
    expect(await store.scoped('another-workspace').get('prod', 'token')).toBeUndefined();

    await ws.environments.save({
      name: 'prod',
      variables: [{ name: 'token', value: 'public now' }],
    });
    expect(await store.get('prod', 'token')).toBeUndefined();
    expect((await ws.environments.resolve('prod')).values.get('token')).toBe('public now');
    await ws.environments.delete('prod');
    expect(ws.environments.list()).toEqual([]);
  });
});

describe('secrets under a key from a key source (the desktop app seals its key with the OS keychain)', () => {
  it('encrypts with the source key, writes no key file, and a wrong key cannot decrypt', async () => {
    const dir = tempDir('gwb-keysource-');
    try {
      const key = Buffer.alloc(32, 7);
      const sealedKeyFile = path.join(dir, 'secrets.key.sealed');
      const source = { where: sealedKeyFile, load: () => key };
      const file = path.join(dir, 'secrets.enc.json');
      const keyed = new FileSecretStore({
        file,
        keyFile: path.join(dir, 'unused.key'),
        key: source,
      });
      await keyed.set('prod', 'token', SENTINEL);
      expect(await keyed.scoped('ns').get('prod', 'token')).toBeUndefined();
      expect(await keyed.get('prod', 'token')).toBe(SENTINEL);
      expect(filesContaining(dir, SENTINEL)).toEqual([]);
      expect(allFiles(dir).map((f) => path.basename(f))).toEqual(['secrets.enc.json']);
      const wrong = new FileSecretStore({
        file,
        keyFile: path.join(dir, 'unused.key'),
        key: { where: sealedKeyFile, load: () => Buffer.alloc(32, 8) },
      });
      await expect(wrong.get('prod', 'token')).rejects.toThrow(`key in ${sealedKeyFile}`);
      const short = new FileSecretStore({
        file,
        keyFile: path.join(dir, 'unused.key'),
        key: { where: sealedKeyFile, load: () => Buffer.alloc(8) },
      });
      await expect(short.get('prod', 'token')).rejects.toThrow('must be 32 bytes');
    } finally {
      removeDir(dir);
    }
  });
});
