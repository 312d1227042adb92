// The collections tree: folders and saved requests, broken files with their error. Drag a
// request or folder onto a folder to move it; every action is also in the item's menu.
import { useId, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { TreeNode } from '../../shared/workspace/tree.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { activeTab } from '../store/selectors.js';

const DRAG_TYPE = 'application/x-gwb-item';
/** The node being dragged: dataTransfer can only be read on drop, but drop targets decide on dragover. */
let dragged: TreeNode | null = null;

function canDrop(target: TreeNode): boolean {
  if (!dragged || target.kind === 'request') return false;
  return dragged.path !== target.path && !target.path.startsWith(`${dragged.path}/`);
}

/** Saves the export through the browser's download (works in the web host and Electron alike). */
async function exportToFile(name: string, load: () => Promise<string | null>): Promise<void> {
  const text = await load();
  if (text === null) return;
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.gwb-collection.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ItemMenu({ node, onClose }: { node: TreeNode; onClose: () => void }) {
  const store = useStoreApi();
  const s = store.getState();
  const item = (label: string, action: () => void) => (
    <button
      role="menuitem"
      onClick={() => {
        onClose();
        action();
      }}
    >
      {label}
    </button>
  );
  return (
    <div
      role="menu"
      aria-label={`Actions for ${node.name}`}
      className="gwb-menu"
      style={{ display: 'flex', flexDirection: 'column', padding: '2px 0 2px 22px', gap: 2 }}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      {node.kind !== 'request' &&
        item('New folder…', () => s.setCollectionsDialog({ kind: 'newFolder', parent: node.path }))}
      {node.kind !== 'request' && item('Run…', () => s.openRunner({ path: node.path }))}
      {node.kind === 'request' &&
        item('Run with dependencies…', () => void s.openRunnerWithDependencies(node.path))}
      {node.kind === 'request' &&
        item('Run load…', () => s.openLoad({ path: node.path, title: node.path }))}
      {node.kind !== 'request' &&
        item('Auth…', () => s.setCollectionsDialog({ kind: 'folderAuth', path: node.path }))}
      {item('Rename…', () => s.setCollectionsDialog({ kind: 'rename', node }))}
      {node.kind === 'request' && item('Duplicate', () => void s.duplicateItem(node))}
      {item('Move to…', () => s.setCollectionsDialog({ kind: 'move', node }))}
      {node.kind === 'collection' &&
        item('Export…', () => void exportToFile(node.name, () => s.exportCollection(node.path)))}
      {item('Delete', () => {
        if (
          node.kind !== 'request' &&
          !window.confirm(`Delete ${node.path} and everything in it? This cannot be undone.`)
        )
          return;
        void s.deleteItem(node);
      })}
    </div>
  );
}

function Item({ node, depth }: { node: TreeNode; depth: number }) {
  const store = useStoreApi();
  const active = useWb((s) => activeTab(s)?.savedPath ?? undefined);
  const stale = useWb((s) => s.staleRequests[node.path]);
  const [open, setOpen] = useState(true);
  const [menu, setMenu] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  // A chosen action (or Escape) hands focus back to the menu's button: a dialog it opens returns
  // focus there when it closes.
  const closeMenu = (): void => {
    setMenu(false);
    menuButton.current?.focus();
  };
  const [over, setOver] = useState(false);
  const isFolder = node.kind !== 'request';
  const itemId = useId();
  const groupId = useId();

  const onDragStart = (e: DragEvent): void => {
    e.stopPropagation();
    dragged = node;
    e.dataTransfer.setData(DRAG_TYPE, node.path);
    e.dataTransfer.effectAllowed = 'move';
  };
  const onDragOver = (e: DragEvent): void => {
    if (!canDrop(node)) return;
    e.preventDefault();
    e.stopPropagation();
    e.dataTransfer.dropEffect = 'move';
    setOver(true);
  };
  const onDrop = (e: DragEvent): void => {
    setOver(false);
    if (!canDrop(node) || !dragged) return;
    e.preventDefault();
    e.stopPropagation();
    const moving = dragged;
    dragged = null;
    void store.getState().moveItem(moving, node.path);
  };
  const onKey = (e: KeyboardEvent): void => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' && node.kind === 'request' && !node.error)
      void store.getState().openSaved(node.path);
    else if (e.key === 'F2') store.getState().setCollectionsDialog({ kind: 'rename', node });
    else if (e.key === 'Delete' && node.kind === 'request') void store.getState().deleteItem(node);
    else if (isFolder && (e.key === 'ArrowLeft' || e.key === 'ArrowRight'))
      setOpen(e.key === 'ArrowRight');
    else return;
    e.preventDefault();
  };

  const showChildren = isFolder && open && node.children.length > 0;
  return (
    // The treeitem is the item's own row (with its error lines) and owns its children's group: were
    // the <li> the treeitem, its visible text would hold every child too, which its name cannot
    // (WCAG 2.5.3, label in name). The <li> keeps the dragging, so a drop on a child's row that
    // the child refuses still lands in this folder.
    <li
      role="none"
      draggable
      onDragStart={onDragStart}
      onDragEnd={() => {
        dragged = null;
        setOver(false);
      }}
      onDragOver={isFolder ? onDragOver : undefined}
      onDragLeave={() => setOver(false)}
      onDrop={isFolder ? onDrop : undefined}
      data-path={node.path}
    >
      <div
        role="treeitem"
        id={itemId}
        aria-label={node.name}
        aria-expanded={isFolder ? open : undefined}
        aria-selected={node.kind === 'request' ? active === node.path : undefined}
        aria-owns={showChildren ? groupId : undefined}
        tabIndex={0}
        onKeyDown={onKey}
      >
        <div
          className="row"
          style={{
            paddingLeft: 8 + depth * 14,
            outline: over ? '2px dashed var(--accent, #4a90e2)' : undefined,
          }}
          // The name first: the row cuts it with an ellipsis in a narrow sidebar, and the title
          // is where it can be read whole (then the method, or why the file cannot be read).
          title={
            node.kind === 'request'
              ? `${node.name}\n${node.error ?? node.method ?? node.path}`
              : node.path
          }
          onClick={() => {
            if (isFolder) setOpen(!open);
            else if (!node.error) void store.getState().openSaved(node.path);
          }}
        >
          <span aria-hidden>{isFolder ? (open ? '▾' : '▸') : node.error ? '⚠' : '•'}</span>
          <span style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis' }}>{node.name}</span>
          <button
            ref={menuButton}
            className="icon"
            aria-label={`Actions for ${node.name}`}
            aria-haspopup="menu"
            aria-expanded={menu}
            onClick={(e) => {
              e.stopPropagation();
              setMenu(!menu);
            }}
          >
            ⋯
          </button>
        </div>
        {node.kind === 'request' && node.error && (
          <div
            className="error-text"
            style={{
              paddingLeft: 22 + depth * 14,
              fontSize: 12,
              whiteSpace: 'normal',
              wordBreak: 'break-word',
            }}
          >
            {node.error}
          </div>
        )}
        {stale && (
          <div
            className="error-text"
            style={{ paddingLeft: 22 + depth * 14, fontSize: 12, whiteSpace: 'normal' }}
            title={stale.join('\n')}
          >
            ⚠ Out of date with the loaded schema: {stale[0]}
            {stale.length > 1 ? ` (+${stale.length - 1} more)` : ''}
          </div>
        )}
        {menu && <ItemMenu node={node} onClose={closeMenu} />}
      </div>
      {showChildren && (
        <ul role="group" id={groupId} aria-labelledby={itemId}>
          {node.children.map((c) => (
            <Item key={c.path} node={c} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function CollectionTree() {
  const tree = useWb((s) => s.collectionTree);
  if (tree.length === 0)
    return (
      <p className="muted" style={{ padding: '0 10px' }}>
        No collections yet. Save a request (Ctrl+S) to start one.
      </p>
    );
  return (
    <ul className="tree" role="tree" aria-label="Collections">
      {tree.map((n) => (
        <Item key={n.path} node={n} depth={0} />
      ))}
    </ul>
  );
}
