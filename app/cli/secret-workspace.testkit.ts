// A workspace with secrets, as gwb's engine reads them: gwb's data folder (GWB_DATA_DIR: the
// secrets' key file and encrypted file, history settings) in a temporary folder, out of the
// user's home, and a workspace in another whose secret store is the one in that data folder.
import path from 'node:path';
import { FileSecretStore, openWorkspace, type Workspace } from '../../main/workspace/index.js';
import { removeDir, tempDir } from '../../main/workspace/workspace.testkit.js';

export interface SecretWorkspace {
  ws: Workspace;
  /** gwb's data folder, set as GWB_DATA_DIR until close(). */
  dataDir: string;
  /** Removes both folders and puts GWB_DATA_DIR back as it was. */
  close(): void;
}

export function openSecretWorkspace(): SecretWorkspace {
  const savedDataDir = process.env.GWB_DATA_DIR;
  const dataDir = tempDir('gwb-data-');
  process.env.GWB_DATA_DIR = dataDir;
  const probe = openWorkspace(tempDir());
  const store = new FileSecretStore({
    file: path.join(dataDir, 'secrets.enc.json'),
    keyFile: path.join(dataDir, 'secrets.key'),
    namespace: probe.id,
  });
  const ws = openWorkspace(probe.dir, { secrets: store });
  return {
    ws,
    dataDir,
    close: () => {
      removeDir(ws.dir);
      removeDir(dataDir);
      if (savedDataDir === undefined) delete process.env.GWB_DATA_DIR;
      else process.env.GWB_DATA_DIR = savedDataDir;
    },
  };
}
