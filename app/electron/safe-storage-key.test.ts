import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { safeStorageKey } from './safe-storage-key.js';
import { StandInSafeStorage } from './testing/electron-stand-in.js';

const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'gwb-sealed-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the desktop secrets key', () => {
  it('is 32 random bytes, kept only sealed (mode 600), and the same after a restart', () => {
    const dir = dataDir();
    const storage = new StandInSafeStorage();
    const first = safeStorageKey(storage, dir, 'linux')!;
    expect(first.kind).toBe('os_keychain');
    const key = first.source.load();
    expect(key).toHaveLength(32);
    const file = join(dir, 'secrets.key.sealed');
    expect(first.source.where).toBe(`${file} (sealed by the OS keychain)`);
    const onDisk = readFileSync(file);
    expect(onDisk.toString()).not.toContain(key.toString('hex'));
    expect(storage.decryptString(onDisk)).toBe(key.toString('hex'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(safeStorageKey(storage, dir, 'linux')!.source.load().equals(key)).toBe(true);
    expect(safeStorageKey(storage, dataDir(), 'linux')!.source.load().equals(key)).toBe(false);
  });

  it('is undefined when the OS offers no encryption (the engine falls back to its key file)', () => {
    expect(safeStorageKey(new StandInSafeStorage(false), dataDir(), 'linux')).toBeUndefined();
  });

  it('says so when Linux has no keyring (basic_text); other platforms use the OS keychain', () => {
    const basic = new StandInSafeStorage(true, 'basic_text');
    expect(safeStorageKey(basic, dataDir(), 'linux')!.kind).toBe('basic_text');
    expect(safeStorageKey(basic, dataDir(), 'darwin')!.kind).toBe('os_keychain');
  });
});
