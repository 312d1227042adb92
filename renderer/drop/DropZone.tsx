// Drag-and-drop of .proto files, folders of them and descriptor sets onto the window: a highlight
// over the whole window while files are dragged (announced to screen readers), Escape or leaving
// the window clears it, and a drop loads the files' schema into the active tab
// (schema.loadContents). Anything else dropped is refused by name; what failed says where (file,
// line, column) and what to do next.
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client.js';
import { useStoreApi } from '../store/useWorkbench.js';
import { FILE_EXTENSIONS } from '../../shared/contract/file-extensions.js';
import { namesOf } from './dropKinds.js';
import { takeDrop, type ReadDrop } from './readDrop.js';
import { rememberDrop, type DroppedRecord } from './droppedRecord.js';
import { DroppedNotice } from './DroppedNotice.js';

type Outcome =
  | { state: 'loading'; text: string }
  | { state: 'failed'; title: string; message: string; notes: string[] }
  | { state: 'loaded'; notes: string[] };

const LOADABLE = `.proto files, folders of them, or descriptor sets (${FILE_EXTENSIONS.descriptorSet.join(', ')})`;

const hasFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes('Files') ?? false;

/** What was left out of a drop, in sentences. */
function notesOf(read: ReadDrop): string[] {
  const notes: string[] = [];
  if (read.refused.length > 0)
    notes.push(
      `${namesOf(read.refused)} ${read.refused.length === 1 ? 'is' : 'are'} not a .proto file or a descriptor set: not loaded.`,
    );
  if (read.skipped > 0)
    notes.push(
      `${read.skipped} other ${read.skipped === 1 ? 'file' : 'files'} in the dropped folder left out.`,
    );
  return notes;
}

export function DropZone() {
  const store = useStoreApi();
  const [dragging, setDragging] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [lastDrop, setLastDrop] = useState<DroppedRecord | null>(null);
  /** dragenter/dragleave fire for every element crossed: the window is left when they even out. */
  const depth = useRef(0);

  /** The latest drop: an older one finishing after it says nothing. */
  const latestDrop = useRef(0);

  const load = async (read: () => Promise<ReadDrop>): Promise<void> => {
    const drop = ++latestDrop.current;
    const superseded = (): boolean => drop !== latestDrop.current;
    const s = store.getState();
    const tabId = s.ensureTab();
    s.setWelcome(false);
    setOutcome({ state: 'loading', text: 'Reading the dropped files…' });
    let got: ReadDrop;
    try {
      got = await read();
    } catch (e) {
      if (!superseded()) fail('The dropped files could not be read', errorMessage(e), []);
      return;
    }
    if (superseded()) return;
    const notes = notesOf(got);
    if (got.problem) return fail('The dropped files were not loaded', got.problem, notes);
    if (got.files.length === 0) return fail('Nothing to load', `Drop ${LOADABLE}.`, notes);
    const paths = got.files.map((f) => f.path);
    setOutcome({ state: 'loading', text: `Loading the schema of ${namesOf(paths)}…` });
    try {
      const loaded = await store.getState().loadDroppedSchema(tabId, got.files);
      if (superseded()) return;
      if (loaded === undefined) {
        // The tab loaded something else meanwhile (its own source): this drop is not shown.
        setOutcome(null);
        return;
      }
      setLastDrop(rememberDrop(tabId, paths, loaded.summary.schemaId));
      const services = loaded.summary.services.length;
      setOutcome({ state: 'loaded', notes });
      setAnnouncement(
        `Loaded the schema of ${namesOf(paths)}: ${services} ${services === 1 ? 'service' : 'services'}. ${notes.join(' ')}`,
      );
    } catch (e) {
      if (superseded()) return;
      fail(`The schema of ${namesOf(paths)} could not be loaded`, errorMessage(e), notes);
    }
  };

  const fail = (title: string, message: string, notes: string[]): void => {
    setOutcome({ state: 'failed', title, message, notes });
    setAnnouncement(`${title}.`);
  };

  useEffect(() => {
    /** Escape pressed during this drag: stay hidden until the drag leaves or ends. */
    let dismissed = false;
    const clear = (said: string | null): void => {
      depth.current = 0;
      dismissed = false;
      setDragging(false);
      if (said !== null) setAnnouncement(said);
    };
    const onEnter = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current++;
      if (depth.current !== 1 || dismissed) return;
      setDragging(true);
      setOutcome((o) => (o?.state === 'loading' ? o : null));
      setAnnouncement(
        `Files dragged over the window: drop ${LOADABLE} to load their schema into this tab, or press Escape.`,
      );
    };
    const onOver = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      // Without this the browser opens the file instead of letting the page take it.
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = dismissed ? 'none' : 'copy';
    };
    const onLeave = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      // Counting enters and leaves can drift (an element removed mid-drag never sends its leave):
      // a leave at or past the window's edge is the drag leaving, whatever the count says.
      const atEdge =
        e.clientX <= 0 ||
        e.clientY <= 0 ||
        e.clientX >= window.innerWidth ||
        e.clientY >= window.innerHeight;
      depth.current = atEdge ? 0 : Math.max(0, depth.current - 1);
      if (depth.current > 0) return;
      // After Escape the drop is refused (dropEffect none): Chromium ends such a drag with this
      // leave, not a drop, so this is where a cancelled drag is seen to end.
      clear(
        dismissed ? 'Drop cancelled: nothing dropped.' : 'Drag left the window: nothing dropped.',
      );
    };
    const onDrop = (e: DragEvent): void => {
      if (!hasFiles(e) || !e.dataTransfer) return;
      // Taken here, first: editors under the pointer would otherwise paste the file's text, and
      // the browser would open the file in place of the workbench.
      e.preventDefault();
      e.stopPropagation();
      // After Escape the drop is refused (dropEffect none); a browser that drops anyway loads
      // nothing, and says so (the drop did reach the page: it was not lost).
      const cancelled = dismissed;
      clear(cancelled ? 'Drop ignored: the drag was cancelled with Escape.' : null);
      if (!cancelled) void load(takeDrop(e.dataTransfer));
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || depth.current === 0 || dismissed) return;
      dismissed = true;
      setDragging(false);
      setAnnouncement('Drop cancelled.');
    };
    const onEnd = (): void => clear(null);
    const listeners: [string, (e: never) => void][] = [
      ['dragenter', onEnter],
      ['dragover', onOver],
      ['dragleave', onLeave],
      ['drop', onDrop],
      ['dragend', onEnd],
      ['keydown', onKey],
    ];
    for (const [type, fn] of listeners) window.addEventListener(type, fn as EventListener, true);
    return () => {
      for (const [type, fn] of listeners)
        window.removeEventListener(type, fn as EventListener, true);
    };
  }, []);

  return (
    <>
      {/* Not role="status": the page has one status (the call's), and specs find it by that role. */}
      <div className="visually-hidden" aria-live="polite" data-testid="drop-announcement">
        {announcement}
      </div>
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <div className="drop-overlay-box">
            Drop {LOADABLE} to load their schema into this tab
            <span className="muted"> · Esc cancels</span>
          </div>
        </div>
      )}
      {outcome?.state === 'loading' && (
        <p className="drop-progress muted" aria-live="polite">
          {outcome.text}
        </p>
      )}
      {outcome?.state === 'failed' && (
        <div
          className="failure-banner drop-banner"
          role="alert"
          aria-label="Dropped files not loaded"
        >
          <h2 className="failure-title">{outcome.title}</h2>
          <p className="drop-message">{outcome.message}</p>
          {outcome.notes.map((n) => (
            <p key={n} className="failure-hint">
              {n}
            </p>
          ))}
          <div className="next-steps">
            <button
              type="button"
              className="primary"
              onClick={() => store.getState().setSettingsOpen(true)}
            >
              Load .proto files…
            </button>
            <button type="button" onClick={() => setOutcome(null)}>
              Dismiss
            </button>
          </div>
        </div>
      )}
      <DroppedNotice notes={outcome?.state === 'loaded' ? outcome.notes : []} lastDrop={lastDrop} />
    </>
  );
}
