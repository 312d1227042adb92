import os from 'node:os';
import path from 'node:path';

/** The app's data folder: $GWB_DATA_DIR, else the platform's per-user config folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GWB_DATA_DIR) return env.GWB_DATA_DIR;
  const home = os.homedir();
  if (process.platform === 'darwin')
    return path.join(home, 'Library', 'Application Support', 'grpc-workbench');
  if (process.platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'grpc-workbench');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'grpc-workbench');
}

/** The workspace used when none is opened explicitly. */
export function defaultWorkspaceDir(dataDir = defaultDataDir()): string {
  return path.join(dataDir, 'workspace');
}

/**
 * The secrets file and its key (documented in README): `<dataDir>/secrets.enc.json` encrypted with
 * AES-256-GCM under the 32-byte key in `<dataDir>/secrets.key` (hex, created with mode 0600).
 */
export function defaultSecretPaths(dataDir = defaultDataDir()): { file: string; keyFile: string } {
  return {
    file: path.join(dataDir, 'secrets.enc.json'),
    keyFile: path.join(dataDir, 'secrets.key'),
  };
}
