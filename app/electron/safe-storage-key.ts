// The secrets key of the desktop app, sealed by the OS keychain through Electron's safeStorage:
// 32 random bytes, encrypted with safeStorage and kept beside the data. The web host and the CLI
// use a plain key file instead (main/workspace); here the key never sits on disk in the clear.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import type { HostSecretKey } from '../../main/engine/index.js';
import { writeFileAtomic } from '../../main/workspace/index.js';

export type SafeStorageApi = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

/** undefined when the OS offers no encryption at all: the engine then falls back to its key file. */
export function safeStorageKey(
  safeStorage: SafeStorageApi,
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): HostSecretKey | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  const file = join(dataDir, 'secrets.key.sealed');
  let key: Buffer | undefined;
  const load = (): Buffer => {
    if (key) return key;
    if (existsSync(file)) {
      key = Buffer.from(safeStorage.decryptString(readFileSync(file)), 'hex');
    } else {
      key = randomBytes(32);
      writeFileAtomic(file, safeStorage.encryptString(key.toString('hex')), { mode: 0o600 });
    }
    return key;
  };
  // On Linux without a keyring Electron encrypts with a fixed key: say so in the UI.
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  return {
    kind: backend === 'basic_text' ? 'basic_text' : 'os_keychain',
    source: { where: `${file} (sealed by the OS keychain)`, load },
  };
}
