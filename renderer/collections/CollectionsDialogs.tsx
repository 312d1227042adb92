// Save as, rename, move to…, new folder and import grpcurl: one open at a time.
import { useState } from 'react';
import type { TreeNode } from '../../shared/workspace/tree.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { activeTab } from '../store/selectors.js';
import { Dialog } from './Dialog.js';
import { folderPaths } from './collectionsSlice.js';
import { FolderAuthDialog } from '../auth/FolderAuthDialog.js';

const NEW = '\u0000new';

function SaveAsDialog() {
  const store = useStoreApi();
  const tree = useWb((s) => s.collectionTree);
  const error = useWb((s) => s.collectionsError);
  const title = useWb((s) => activeTab(s)?.draft.name ?? 'request');
  const folders = folderPaths(tree);
  const [name, setName] = useState(title);
  const [folder, setFolder] = useState(folders[0] ?? NEW);
  const [collection, setCollection] = useState('My collection');
  const close = (): void => store.getState().setCollectionsDialog(null);
  return (
    <Dialog
      title="Save as"
      submit="Save"
      error={error}
      onClose={close}
      onSubmit={() =>
        void store.getState().saveActiveAs(folder === NEW ? collection.trim() : folder, name.trim())
      }
    >
      <label className="row">
        Name
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="row">
        Collection or folder
        <select value={folder} onChange={(e) => setFolder(e.target.value)}>
          {folders.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
          <option value={NEW}>New collection…</option>
        </select>
      </label>
      {folder === NEW && (
        <label className="row">
          New collection name
          <input value={collection} onChange={(e) => setCollection(e.target.value)} />
        </label>
      )}
    </Dialog>
  );
}

function RenameDialog({ node }: { node: TreeNode }) {
  const store = useStoreApi();
  const error = useWb((s) => s.collectionsError);
  const [name, setName] = useState(node.name);
  return (
    <Dialog
      title={`Rename ${node.name}`}
      submit="Rename"
      error={error}
      onClose={() => store.getState().setCollectionsDialog(null)}
      onSubmit={() => void store.getState().renameItem(node, name.trim())}
    >
      <label className="row">
        New name
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} />
      </label>
    </Dialog>
  );
}

function MoveDialog({ node }: { node: TreeNode }) {
  const store = useStoreApi();
  const tree = useWb((s) => s.collectionTree);
  const error = useWb((s) => s.collectionsError);
  const targets = folderPaths(tree).filter(
    (f) => f !== node.path && !f.startsWith(`${node.path}/`),
  );
  // A folder can also become a collection of its own (the top level).
  const options = node.kind === 'request' ? targets : ['', ...targets];
  const [to, setTo] = useState(options[0] ?? '');
  return (
    <Dialog
      title={`Move ${node.name}`}
      submit="Move"
      error={error}
      onClose={() => store.getState().setCollectionsDialog(null)}
      onSubmit={() => void store.getState().moveItem(node, to)}
    >
      <label className="row">
        Destination
        <select autoFocus value={to} onChange={(e) => setTo(e.target.value)}>
          {options.map((f) => (
            <option key={f} value={f}>
              {f === '' ? '(top level)' : f}
            </option>
          ))}
        </select>
      </label>
    </Dialog>
  );
}

function NewFolderDialog({ parent }: { parent: string }) {
  const store = useStoreApi();
  const error = useWb((s) => s.collectionsError);
  const [name, setName] = useState('');
  const title = parent === '' ? 'New collection' : `New folder in ${parent}`;
  return (
    <Dialog
      title={title}
      submit="Create"
      error={error}
      onClose={() => store.getState().setCollectionsDialog(null)}
      onSubmit={() => void store.getState().createFolder(parent, name.trim())}
    >
      <label className="row">
        Name
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} />
      </label>
    </Dialog>
  );
}

function ImportGrpcurlDialog() {
  const store = useStoreApi();
  const error = useWb((s) => s.collectionsError);
  const [command, setCommand] = useState('');
  return (
    <Dialog
      title="Import grpcurl"
      submit="Import"
      error={error}
      onClose={() => store.getState().setCollectionsDialog(null)}
      onSubmit={() => void store.getState().importGrpcurl(command)}
    >
      <label style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
        grpcurl command
        <textarea
          autoFocus
          className="mono"
          rows={6}
          value={command}
          onChange={(e) => setCommand(e.target.value)}
          placeholder='grpcurl -plaintext -d &apos;{"id":"1"}&apos; localhost:50051 pkg.Service/Method'
        />
      </label>
    </Dialog>
  );
}

function OpenWorkspaceDialog() {
  const store = useStoreApi();
  const error = useWb((s) => s.collectionsError);
  const current = useWb((s) => s.workspaceDir ?? '');
  const [dir, setDir] = useState(current);
  return (
    <Dialog
      title="Open workspace folder"
      submit="Open"
      error={error}
      onClose={() => store.getState().setCollectionsDialog(null)}
      onSubmit={() => void store.getState().openWorkspace(dir.trim())}
    >
      <label className="row">
        Folder path
        <input autoFocus className="mono" value={dir} onChange={(e) => setDir(e.target.value)} />
      </label>
      <p className="muted" style={{ fontSize: 12 }}>
        Any folder, e.g. inside your service's repository; it is created when missing. Collections
        are plain files you can commit.
      </p>
    </Dialog>
  );
}

export function CollectionsDialogs() {
  const dialog = useWb((s) => s.collectionsDialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'saveAs':
      return <SaveAsDialog />;
    case 'rename':
      return <RenameDialog node={dialog.node} />;
    case 'move':
      return <MoveDialog node={dialog.node} />;
    case 'newFolder':
      return <NewFolderDialog parent={dialog.parent} />;
    case 'importGrpcurl':
      return <ImportGrpcurlDialog />;
    case 'openWorkspace':
      return <OpenWorkspaceDialog />;
    case 'folderAuth':
      return <FolderAuthDialog path={dialog.path} />;
  }
}
