// The engine keeps one workspace open (default `<dataDir>/workspace`), watches it for outside
// changes, and remembers the selected environment. Secrets go to the encrypted file store in the
// data dir, namespaced by the workspace id, so they are never inside the workspace folder.
import path from 'node:path';
import type { Emit } from '../../shared/contract/index.js';
import { CommandError } from '../../shared/contract/errors.js';
import {
  defaultSecretPaths,
  defaultWorkspaceDir,
  FileSecretStore,
  openWorkspace,
  type SecretKeySource,
  type SecretStore,
  type Workspace,
} from '../workspace/index.js';

/** A host that keeps the secrets key somewhere better than a key file (the desktop app's keychain). */
export interface HostSecretKey {
  source: SecretKeySource;
  /** Electron on Linux without a keyring falls back to a fixed key ('basic_text'): users are warned. */
  kind: 'os_keychain' | 'basic_text';
}

export interface SecretStorage {
  kind: 'os_keychain' | 'basic_text' | 'key_file';
  where: string;
}

export interface WorkspaceState {
  /** The open workspace, opening the default one on first use. */
  current(): Workspace;
  /** The open workspace's folder; undefined before one is opened. */
  currentDir(): string | undefined;
  open(dir?: string): Workspace;
  /** The open workspace's secret store (outside the workspace folder). */
  secrets(): SecretStore;
  readonly secretStorage: SecretStorage;
  selected: string | null;
  close(): void;
}

export function createWorkspaceState(
  dataDir: string,
  emit: Emit,
  hostKey?: HostSecretKey,
): WorkspaceState {
  const paths = defaultSecretPaths(dataDir);
  const secretStorage: SecretStorage = hostKey
    ? { kind: hostKey.kind, where: hostKey.source.where }
    : { kind: 'key_file', where: paths.keyFile };
  let ws: Workspace | undefined;
  let stopWatch: (() => void) | undefined;
  let store: SecretStore | undefined;

  const open = (dir?: string): Workspace => {
    const target = dir === undefined ? defaultWorkspaceDir(dataDir) : path.resolve(dir);
    if (dir !== undefined && !path.isAbsolute(dir))
      throw new CommandError(
        'invalid_input',
        `workspace.open: dir: "${dir}" must be an absolute path`,
        { path: 'dir' },
      );
    if (ws && ws.dir === target) return ws;
    const secrets = new FileSecretStore({ ...paths, ...(hostKey ? { key: hostKey.source } : {}) });
    // The id is only known after opening; secrets are then scoped to it.
    const probe = openWorkspace(target);
    store = secrets.scoped(probe.id);
    // What the app changes is told as it happens; what others change, by the watcher. Both as
    // typed changes, so the UI applies them instead of reading the workspace again.
    const next = openWorkspace(target, {
      secrets: store,
      onChange: (changes) => {
        if (ws === next) emit('workspace.changed', { origin: 'app', changes });
      },
    });
    stopWatch?.();
    ws = next;
    state.selected = null;
    try {
      stopWatch = next.watch((changes) =>
        emit('workspace.changed', { origin: 'outside', changes }),
      );
    } catch {
      // Recursive fs.watch is unavailable on some file systems; the app's own changes still show.
      stopWatch = undefined;
    }
    return next;
  };

  const state: WorkspaceState = {
    secretStorage,
    selected: null,
    current: () => ws ?? open(),
    currentDir: () => ws?.dir,
    open,
    secrets: () => {
      state.current();
      return store as SecretStore;
    },
    close() {
      stopWatch?.();
      stopWatch = undefined;
    },
  };
  return state;
}
