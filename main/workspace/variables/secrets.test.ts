import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportCollection, FileSecretStore, openWorkspace, type Workspace } from '../index.js';
import {
  allFiles,
  filesContaining,
  removeDir,
  sampleRequest,
  tempDir,
} from '../workspace.testkit.js';

let ws: Workspace;
let dataDir: string;
let store: FileSecretStore;
const SENTINEL = `SENTINEL-${randomUUID()}`;

beforeAll(() => {
  dataDir = tempDir('gwb-data-');
  ws = openWorkspace(tempDir());
  store = new FileSecretStore({
    file: path.join(dataDir, 'secrets.enc.json'),
    keyFile: path.join(dataDir, 'secrets.key'),
    namespace: ws.id,
  });
  ws = openWorkspace(ws.dir, { secrets: store });
});

afterAll(() => {
  removeDir(ws.dir);
  removeDir(dataDir);
});

describe('secrets', () => {
  // Sending one through `gwb request run` (and its history) is tested in app/cli/secrets.test.ts.
  it('are encrypted outside the workspace and never reach workspace files or exports', async () => {
    await ws.environments.save({
      name: 'prod',
      variables: [
        { name: 'host', value: '127.0.0.1:50051' },
        { name: 'token', value: SENTINEL, secret: true },
      ],
    });
    ws.saveRequest(
      'api/echo',
      sampleRequest({
        connection: { address: '{{host}}', security: { kind: 'plaintext' } },
        metadata: [{ key: 'x-echo-auth', value: 'Bearer {{token}}' }],
        messages: [{ id: '{{token}}' }],
      }),
    );
    // Resolved for a call: the value is there, and it is listed as a secret to mask.
    const prepared = await ws.prepare(ws.readRequest('api/echo'), 'prod');
    expect(prepared.request.messages).toEqual([{ id: SENTINEL }]);
    expect(prepared.secrets).toEqual(new Map([['token', SENTINEL]]));

    const exported = exportCollection(ws, 'api');
    writeFileSync(path.join(ws.dir, 'api.export.json'), exported);
    expect(exported).not.toContain(SENTINEL);
    expect(allFiles(ws.dir).length).toBeGreaterThan(3);
    expect(filesContaining(ws.dir, SENTINEL)).toEqual([]);
    expect(ws.environments.read('prod').variables).toEqual([
      { name: 'host', value: '127.0.0.1:50051' },
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

  it('says a secrets file is broken without quoting any of it', async () => {
    const dir = tempDir('gwb-broken-');
    try {
      const key = 'c0ffee00'.repeat(8);
      writeFileSync(path.join(dir, 'secrets.key'), `${key}zz\n`);
      // Not JSON from its first character: V8's message would quote the start of the file.
      const sealed = 'SEALEDTEXT'.repeat(5);
      writeFileSync(path.join(dir, 'secrets.enc.json'), sealed);
      const broken = new FileSecretStore({
        file: path.join(dir, 'secrets.enc.json'),
        keyFile: path.join(dir, 'secrets.key'),
      });
      const keyError = await broken.set('e', 'v', 'x').then(
        () => '',
        (error: Error) => error.message,
      );
      expect(keyError).toMatch(/secrets\.key: a secrets key file holds 64 hex characters/);
      writeFileSync(path.join(dir, 'secrets.key'), `${key}\n`);
      const fileError = await broken.get('e', 'v').then(
        () => '',
        (error: Error) => error.message,
      );
      expect(fileError).toMatch(
        /secrets\.enc\.json: not valid JSON at .*: unexpected token \(not shown: a secrets file\)$/,
      );
      for (let i = 0; i + 8 <= sealed.length; i++)
        expect(fileError).not.toContain(sealed.slice(i, i + 8));
      for (let i = 0; i + 8 <= key.length; i++) {
        expect(keyError).not.toContain(key.slice(i, i + 8));
        expect(fileError).not.toContain(key.slice(i, i + 8));
      }
    } finally {
      removeDir(dir);
    }
  });

  it('reads secrets named after Object.prototype members as unset until they are set', async () => {
    const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
    // The file exists (another secret is stored), so lookups go through the decrypted contents.
    await ws.environments.save({
      name: 'proto',
      variables: [
        { name: 'other', value: 'x', secret: true },
        ...names.map((name) => ({ name, secret: true })),
      ],
    });
    for (const name of names) expect(await store.get('proto', name)).toBeUndefined();
    const unset = await ws.environments.resolve('proto');
    expect([...unset.values.keys()]).toEqual(['other']);
    expect([...unset.secretValues.keys()]).toEqual(['other']);

    await store.set('proto', '__proto__', 'p-value');
    await store.set('proto', 'constructor', 'c-value');
    // A fresh store reads the file again: the values survived as plain keys.
    const again = new FileSecretStore({
      file: path.join(dataDir, 'secrets.enc.json'),
      keyFile: path.join(dataDir, 'secrets.key'),
      namespace: ws.id,
    });
    expect(await again.get('proto', '__proto__')).toBe('p-value');
    expect(await again.get('proto', 'constructor')).toBe('c-value');
    expect(await again.get('proto', 'toString')).toBeUndefined();
    await again.delete('proto', '__proto__');
    expect(await store.get('proto', '__proto__')).toBeUndefined();
    expect(await store.get('proto', 'constructor')).toBe('c-value');
    await ws.environments.delete('proto');
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
