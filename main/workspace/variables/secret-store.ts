// Secret variable values live outside the workspace (which is shared through git). The Electron
// app can plug in an OS-backed store (safeStorage); the web host and the CLI use FileSecretStore.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { lazySchema } from '../../../shared/request/lazy-schema.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { parseJsonText, toFileText, validate } from '../store/json-file.js';
import { WorkspaceError } from '../store/workspace-error.js';

export interface SecretStore {
  get(envName: string, varName: string): Promise<string | undefined>;
  set(envName: string, varName: string, value: string): Promise<void>;
  delete(envName: string, varName: string): Promise<void>;
}

/** A store that keeps nothing on disk (tests, and hosts that have no place for secrets). */
export function memorySecretStore(): SecretStore {
  const values = new Map<string, string>();
  const key = (env: string, name: string): string => `${env}\u0000${name}`;
  return {
    get: async (env, name) => values.get(key(env, name)),
    set: async (env, name, value) => void values.set(key(env, name), value),
    delete: async (env, name) => void values.delete(key(env, name)),
  };
}

const SecretFileSchema = lazySchema(() =>
  z
    .object({
      version: z.literal(1),
      algorithm: z.literal('aes-256-gcm'),
      iv: z.string(),
      tag: z.string(),
      data: z.string(),
    })
    .strict(),
);

const KEY_BYTES = 32;

/**
 * The key file: 32 random bytes as 64 hex characters, created with mode 0600 when missing.
 * Whoever can read it can read the secrets, so it sits in the user's data folder, never in a workspace.
 */
export function loadOrCreateKey(keyFile: string): Buffer {
  if (!existsSync(keyFile)) {
    mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(keyFile, `${randomBytes(KEY_BYTES).toString('hex')}\n`, {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    try {
      chmodSync(keyFile, 0o600);
    } catch {
      // not supported on this file system
    }
  }
  const hex = readFileSync(keyFile, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(hex))
    throw new WorkspaceError(
      `${keyFile}: a secrets key file holds 64 hex characters (32 bytes)`,
      'ECORRUPT',
    );
  return Buffer.from(hex, 'hex');
}

/**
 * Where the store's key comes from when it is not a plain key file: the desktop app keeps the key
 * sealed by the OS keychain (Electron safeStorage) instead.
 */
export interface SecretKeySource {
  /** Names the key's home in error messages. */
  readonly where: string;
  load(): Buffer;
}

export interface FileSecretStoreOptions {
  /** The encrypted file (outside the workspace). */
  file: string;
  /** See loadOrCreateKey. Used when no `key` source is given. */
  keyFile: string;
  key?: SecretKeySource;
  /** Keeps several workspaces apart in one file (the workspace id). */
  namespace?: string;
}

/**
 * Slot (namespace + environment) → variable → value. Maps, not plain objects: a variable named
 * `constructor` or `__proto__` must read as unset until it is set, not as Object.prototype's.
 */
type SecretMap = Map<string, Map<string, string>>;

/** The decrypted JSON as maps, keeping only own string values (anything else is not a secret). */
function toSecretMap(parsed: unknown): SecretMap {
  const all: SecretMap = new Map();
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return all;
  for (const [slot, vars] of Object.entries(parsed)) {
    if (vars === null || typeof vars !== 'object' || Array.isArray(vars)) continue;
    const values = new Map<string, string>();
    for (const [name, value] of Object.entries(vars as object))
      if (typeof value === 'string') values.set(name, value);
    all.set(slot, values);
  }
  return all;
}

/** Object.fromEntries defines own properties, so `__proto__` is written as a plain key. */
function fromSecretMap(all: SecretMap): Record<string, Record<string, string>> {
  return Object.fromEntries([...all].map(([slot, vars]) => [slot, Object.fromEntries(vars)]));
}

/** AES-256-GCM over the whole map; every change re-encrypts with a fresh IV and writes atomically. */
export class FileSecretStore implements SecretStore {
  private readonly file: string;
  private readonly keyFile: string;
  private readonly key: SecretKeySource | undefined;
  private readonly namespace: string;

  constructor(opts: FileSecretStoreOptions) {
    this.file = opts.file;
    this.keyFile = opts.keyFile;
    this.key = opts.key;
    this.namespace = opts.namespace ?? '';
  }

  /** The same file and key, another namespace. */
  scoped(namespace: string): FileSecretStore {
    return new FileSecretStore({
      file: this.file,
      keyFile: this.keyFile,
      ...(this.key ? { key: this.key } : {}),
      namespace,
    });
  }

  async get(envName: string, varName: string): Promise<string | undefined> {
    return this.readAll().get(this.slot(envName))?.get(varName);
  }

  async set(envName: string, varName: string, value: string): Promise<void> {
    const all = this.readAll();
    const slot = this.slot(envName);
    const vars = all.get(slot) ?? new Map<string, string>();
    vars.set(varName, value);
    all.set(slot, vars);
    this.writeAll(all);
  }

  async delete(envName: string, varName: string): Promise<void> {
    const all = this.readAll();
    const slot = this.slot(envName);
    if (!all.get(slot)?.delete(varName)) return;
    this.writeAll(all);
  }

  private loadKey(): Buffer {
    const key = this.key ? this.key.load() : loadOrCreateKey(this.keyFile);
    if (key.length !== KEY_BYTES) {
      throw new WorkspaceError(
        `${this.key?.where ?? this.keyFile}: the secrets key must be ${KEY_BYTES} bytes`,
        'ECORRUPT',
      );
    }
    return key;
  }

  private slot(envName: string): string {
    return `${this.namespace}\u0000${envName}`;
  }

  private readAll(): SecretMap {
    if (!existsSync(this.file)) return new Map();
    const key = this.loadKey();
    const sealed = validate(
      SecretFileSchema,
      parseJsonText(readFileSync(this.file, 'utf8'), this.file),
      this.file,
    );
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(sealed.data, 'base64')),
        decipher.final(),
      ]);
      return toSecretMap(JSON.parse(plain.toString('utf8')));
    } catch {
      throw new WorkspaceError(
        `${this.file}: cannot decrypt the secrets with the key in ${this.key?.where ?? this.keyFile} (wrong key or a damaged file)`,
        'ECORRUPT',
      );
    }
  }

  private writeAll(all: SecretMap): void {
    const key = this.loadKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([
      cipher.update(JSON.stringify(fromSecretMap(all)), 'utf8'),
      cipher.final(),
    ]);
    const sealed = {
      version: 1,
      algorithm: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    writeFileAtomic(this.file, toFileText(sealed), { mode: 0o600 });
  }
}
