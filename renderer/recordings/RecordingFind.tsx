// Find in the whole recording (the engine searches the file, not the loaded window): "n of N" from
// the engine's count, next/previous (Enter / Shift+Enter) show each hit in the timeline.
import { useEffect, useRef, useState } from 'react';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import type { FindHit, RecordingFind as FindState } from './findActions.js';

/** Typing waits this long before searching, so each key does not start a pass over the file. */
const TYPING_MS = 250;

export function findStatus(f: FindState): string {
  if (f.error) return f.error;
  if (f.busy) return 'Searching the recording…';
  if (f.total === null) return '';
  if (f.total === 0) return 'No matches in the recording';
  const n = f.current < 0 ? '–' : (f.current + 1).toLocaleString('en-US');
  return `${n} of ${f.total.toLocaleString('en-US')}`;
}

export function hitPlace(hit: FindHit): string {
  const what =
    hit.message !== undefined
      ? `${hit.type === 'sent' ? 'sent' : 'received'} message ${hit.message.toLocaleString('en-US')}`
      : hit.type;
  return `${what} · ${hit.paths.join(', ')}`;
}

export function RecordingFind() {
  const store = useStoreApi();
  const find = useWb((s) => s.recordingFind);
  const [text, setText] = useState(find.query);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const actions = store.getState();

  // A changed query starts a new search (the engine stops the one still running).
  // (Only on the text: any other change in the store, a live call's batch, must not restart it.)
  useEffect(() => {
    if (text === store.getState().recordingFind.query) return;
    timer.current = setTimeout(() => void store.getState().findInRecording(text), TYPING_MS);
    return () => clearTimeout(timer.current);
  }, [text, store]);

  const hit = find.current >= 0 ? find.hits[find.current - find.hitsFrom] : undefined;
  const canStep = !find.busy && (find.total ?? 0) > 0;
  return (
    <div className="timeline-tools recording-find" role="search" aria-label="Find in recording">
      <input
        type="search"
        aria-label="Find in recording"
        placeholder="Find in the whole recording"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          if (text !== store.getState().recordingFind.query) {
            clearTimeout(timer.current);
            void actions.findInRecording(text);
          } else void actions.stepFind(e.shiftKey ? -1 : 1);
        }}
        style={{ width: 220 }}
      />
      <button
        className="small"
        aria-label="Previous match"
        title="Previous match (Shift+Enter)"
        disabled={!canStep}
        onClick={() => void actions.stepFind(-1)}
      >
        ↑
      </button>
      <button
        className="small"
        aria-label="Next match"
        title="Next match (Enter)"
        disabled={!canStep}
        onClick={() => void actions.stepFind(1)}
      >
        ↓
      </button>
      {/* After the arrows, not between them and the field: the count's room (its words change as
          it searches) would stand the arrows apart from what they step through. */}
      <span role="status" aria-live="polite" className="find-count" data-testid="find-count">
        {findStatus(find)}
      </span>
      {hit && (
        <span className="muted find-place" data-testid="find-place">
          {hitPlace(hit)}
        </span>
      )}
    </div>
  );
}
