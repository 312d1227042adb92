// Choosing files on the machine the engine runs on, for the web host (no native dialog there; it
// is the user's own machine). Folders open with a click; the files a field wants are ticked;
// "Show hidden files" brings back dot files. The folder it ends in is remembered for next time.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Output } from '../../shared/contract/types.js';
import { errorMessage } from '../api/client.js';
import { Dialog } from '../collections/Dialog.js';
import { useStoreApi } from '../store/useWorkbench.js';

type Listing = Output<'files.list'>;
export type FileKind = 'proto' | 'descriptorSet' | 'certificate' | 'data' | 'folder';

const WHAT: Record<FileKind, string> = {
  proto: '.proto files',
  descriptorSet: 'descriptor sets',
  certificate: 'a certificate file',
  data: 'data files (CSV, JSON)',
  folder: 'a folder',
};
const LAST_DIR = 'gwb.fileBrowserDir';

function lastDir(): string | undefined {
  try {
    return localStorage.getItem(LAST_DIR) ?? undefined;
  } catch {
    return undefined;
  }
}
function keepDir(dir: string): void {
  try {
    localStorage.setItem(LAST_DIR, dir);
  } catch {
    // not kept: fine
  }
}

/** `start`: a folder to open in (else the last one used, else the home folder). */
export function FileBrowser({
  kind,
  multiple,
  start,
  onChoose,
  onClose,
}: {
  kind: FileKind;
  multiple: boolean;
  start?: string | undefined;
  onChoose: (paths: string[]) => void;
  onClose: () => void;
}) {
  const store = useStoreApi();
  const [listing, setListing] = useState<Listing | null>(null);
  const [typed, setTyped] = useState('');
  const [showHidden, setShowHidden] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  // Only the latest listing asked for is shown: the first folder's answer can come after the
  // one the user typed (a big folder lists slowly) and must not replace it.
  const latest = useRef(0);
  // What the user typed since the last ask is theirs: a listing answering after does not replace it.
  const edited = useRef(false);
  const field = useRef<HTMLInputElement>(null);
  // A field whose whole text is selected (clicked into and selected, or Ctrl+A) when a listing
  // puts its path there stays selected, so what is typed next replaces that path rather than
  // being added after it (setting an input's value moves the caret to its end).
  const reselect = useRef(false);
  useLayoutEffect(() => {
    if (!reselect.current) return;
    reselect.current = false;
    field.current?.select();
  }, [typed]);
  const showListedPath = (path: string): void => {
    const input = field.current;
    reselect.current =
      input !== null &&
      input.value !== path && // unchanged: no render, so nothing to select again
      document.activeElement === input &&
      input.selectionStart === 0 &&
      input.selectionEnd === input.value.length;
    setTyped(path);
  };
  const open = (path: string | undefined, hidden = showHidden): void => {
    const mine = ++latest.current;
    edited.current = false;
    store
      .getState()
      .listDirectory({ ...(path ? { path } : {}), showHidden: hidden, filter: kind })
      .then((r) => {
        if (mine !== latest.current) return;
        setListing(r);
        if (!edited.current) showListedPath(r.path);
        setError(null);
        keepDir(r.path);
      })
      .catch((e: unknown) => {
        if (mine === latest.current) setError(errorMessage(e));
      });
  };
  // Once, where the browser opens; later moves are the user's.
  useEffect(() => open(start ?? lastDir()), []);

  const toggle = (path: string): void =>
    setPicked((p) =>
      p.includes(path) ? p.filter((x) => x !== path) : multiple ? [...p, path] : [path],
    );
  const chosen = kind === 'folder' ? (listing ? [listing.path] : []) : picked;
  const submitLabel =
    kind === 'folder'
      ? 'Choose this folder'
      : picked.length > 1
        ? `Choose ${picked.length} files`
        : 'Choose';
  return (
    <Dialog
      title={`Choose ${WHAT[kind]}`}
      submit={submitLabel}
      error={error}
      onClose={onClose}
      onSubmit={() => {
        if (chosen.length === 0)
          setError(`Tick ${multiple ? 'one or more files' : 'a file'} first.`);
        else onChoose(chosen);
      }}
    >
      <div className="file-browser">
        <div className="file-browser-bar">
          <input
            ref={field}
            aria-label="Folder"
            className="mono"
            value={typed}
            onChange={(e) => {
              edited.current = true;
              setTyped(e.target.value);
            }}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault(); // Enter here opens the folder; it does not submit
              open(typed.trim());
            }}
          />
          <button type="button" onClick={() => open(typed.trim())}>
            Open
          </button>
          <button
            type="button"
            disabled={!listing?.parent}
            onClick={() => listing?.parent && open(listing.parent)}
          >
            Up
          </button>
          <button type="button" onClick={() => open(listing?.home)}>
            Home
          </button>
        </div>
        <label className="file-browser-hidden">
          <input
            type="checkbox"
            checked={showHidden}
            onChange={(e) => {
              setShowHidden(e.target.checked);
              if (listing) open(listing.path, e.target.checked);
            }}
          />
          Show hidden files
        </label>
        <ul
          className="file-browser-list"
          aria-label={`Contents of ${listing?.path ?? 'the folder'}`}
        >
          {listing?.entries.map((e) =>
            e.kind === 'directory' ? (
              <li key={e.path}>
                <button type="button" className="file-browser-dir" onClick={() => open(e.path)}>
                  <span aria-hidden>📁 </span>
                  {e.name}
                  {e.link ? <span className="muted"> (link)</span> : null}
                </button>
              </li>
            ) : (
              <li key={e.path}>
                <label className="file-browser-file">
                  <input
                    type="checkbox"
                    checked={picked.includes(e.path)}
                    onChange={() => toggle(e.path)}
                  />
                  {e.name}
                  <span className="muted"> {e.size ?? 0} B</span>
                </label>
              </li>
            ),
          )}
          {listing && listing.entries.length === 0 && (
            <li className="muted">No folders or {WHAT[kind]} here.</li>
          )}
        </ul>
        {listing && (listing.omitted > 0 || listing.hidden > 0) && (
          <p className="muted">
            {listing.omitted > 0 && `${listing.omitted} more entries not shown. `}
            {listing.hidden > 0 && !showHidden && `${listing.hidden} hidden.`}
          </p>
        )}
      </div>
    </Dialog>
  );
}
