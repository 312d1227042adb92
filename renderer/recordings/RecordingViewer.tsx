// One recording opened in the same virtualised timeline as live calls, fetched a page at a time;
// with export, replay against the current server + diff, and serving it as a mock.
import { useState } from 'react';
import type { Connection } from '../../shared/request/index.js';
import { packedRecordingId } from '../../shared/recording/recording-id.js';
import { Timeline } from '../components/Timeline.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { DiffSummaryView } from './DiffSummaryView.js';
import { RecordingFind } from './RecordingFind.js';
import './recordings.css';
import { downloadText } from './download.js';
import type { ReplaySpeedChoice } from './recordingsSlice.js';

const SPEEDS: { value: ReplaySpeedChoice; label: string }[] = [
  { value: 'original', label: 'original timing' },
  { value: 'x2', label: '×2' },
  { value: 'x10', label: '×10' },
  { value: 'x100', label: '×100' },
  { value: 'max', label: 'max' },
];

export const parseIgnore = (text: string): string[] => text.split(/[\s,]+/).filter((p) => p !== '');

/**
 * `replayTo`: where Replay goes (the Capture panel's capture target); absent, the active tab's
 * server, as the recordings panel wants.
 */
export function RecordingViewer({ replayTo }: { replayTo?: Connection } = {}) {
  const store = useStoreApi();
  const open = useWb((s) => s.openedRecording);
  const busy = useWb((s) => s.replayBusy);
  const result = useWb((s) => s.replayResult);
  const diffBusy = useWb((s) => s.diffBusy);
  const mock = useWb((s) => s.mock);
  const [speed, setSpeed] = useState<ReplaySpeedChoice>('max');
  const [ignore, setIgnore] = useState('');
  const [jump, setJump] = useState('');
  if (!open) return null;
  const r = open.summary;
  /** One recording of a file of several (gwb proxy's *.recordings), or undefined. */
  const packed = packedRecordingId(r.id);
  const actions = store.getState();
  const exportAs = async (format: 'ndjson' | 'json') => {
    const out = await actions.exportRecording(r.id, format);
    if (out)
      downloadText(
        out.fileName,
        out.text,
        format === 'json' ? 'application/json' : 'application/x-ndjson',
      );
  };
  return (
    <section
      role="region"
      aria-label="Recording viewer"
      style={{
        position: 'fixed',
        // Below the tab bar (measured, it grows when the top bar wraps): never over half a tab.
        top: 'var(--tabbar-bottom, 68px)',
        right: 0,
        // Down to the status bar (measured): no strip of the pane behind shows under it.
        bottom: 'var(--statusbar-height, 22px)',
        // Over the request and response only, never over the sidebar's panel beside it (the
        // list the recording was opened from, the mock's calls): at most 960 px wide.
        left: 'max(var(--main-left, 28vw), 100vw - 960px)',
        // Over the panes, under every dialog and toast (styles.css :root, --layer-*).
        zIndex: 'var(--layer-drawer)',
        display: 'flex',
        flexDirection: 'column',
        background: 'var(--bg, #fff)',
        borderLeft: '1px solid var(--border)',
        boxShadow: '-4px 0 12px rgba(0,0,0,0.15)',
      }}
    >
      <div className="pane-head">
        {/* Shown whole, wrapping (at 900 px the date and counts were cut off by an ellipsis). */}
        <span className="title recording-title" title={r.id}>
          {r.method}
          {packed ? ` (#${packed.n})` : ''} · {new Date(r.startedAt).toLocaleString()} ·{' '}
          {r.received} ↓ {r.sent} ↑ · {r.status ?? 'no status'}
          {r.complete ? '' : ' (incomplete)'}
        </span>
        {/* No spacer: the title grows (.pane-head .title), which keeps Close at the end. */}
        <button className="small" onClick={() => actions.closeRecording()}>
          Close recording
        </button>
      </div>
      <div className="timeline-tools">
        <label>
          Jump to{' '}
          <input
            aria-label="Jump to time (ms)"
            placeholder="ms"
            size={7}
            value={jump}
            onChange={(e) => setJump(e.target.value)}
          />
        </label>
        <button
          className="small"
          disabled={!Number.isFinite(Number(jump)) || jump.trim() === ''}
          onClick={() => void actions.jumpRecording(Number(jump))}
        >
          Go
        </button>
        {open.nextSeq !== null && (
          <button className="small" onClick={() => void actions.loadMoreRecording()}>
            Load more
          </button>
        )}
        <span style={{ flex: 1 }} />
        <button className="small" onClick={() => void exportAs('ndjson')}>
          Export NDJSON
        </button>
        <button className="small" onClick={() => void exportAs('json')}>
          Export JSON
        </button>
        {/* One recording of a file of several (gwb proxy's) is not deleted alone: the engine
            refuses. Where Delete would be, it says why there is none. */}
        {packed === undefined ? (
          <button className="small" onClick={() => void actions.deleteRecording(r.id)}>
            Delete
          </button>
        ) : (
          <span
            className="muted"
            title="gwb proxy appends short calls to one file of several recordings: one of them is not deleted alone"
          >
            #{packed.n} of a file of several
          </span>
        )}
      </div>
      <RecordingFind key={r.id} />
      <div
        style={{
          display: 'flex',
          flexDirection: 'column',
          flex: 1,
          minHeight: 160,
          position: 'relative',
        }}
      >
        <Timeline
          key={`${open.logId}:${open.version}`}
          callId={open.logId}
          label="Recording timeline"
          {...(open.reveal !== undefined ? { reveal: open.reveal } : {})}
        />
      </div>
      <div className="timeline-tools" style={{ flexWrap: 'wrap' }}>
        <label>
          Speed{' '}
          <select
            aria-label="Replay speed"
            value={speed}
            onChange={(e) => setSpeed(e.target.value as ReplaySpeedChoice)}
          >
            {SPEEDS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button
          className="primary small"
          disabled={busy}
          onClick={() => void actions.replayRecording(r.id, speed, parseIgnore(ignore), replayTo)}
        >
          {busy ? 'Replaying…' : 'Replay'}
        </button>
        <label>
          Ignore paths{' '}
          <input
            aria-label="Ignore paths"
            placeholder="at, items[*].id"
            value={ignore}
            onChange={(e) => setIgnore(e.target.value)}
          />
        </label>
        <button
          className="small"
          disabled={!result}
          onClick={() => void actions.rediffRecording(parseIgnore(ignore))}
        >
          Compare again
        </button>
        <span style={{ flex: 1 }} />
        <button className="small" onClick={() => void actions.startMock({ recordingId: r.id })}>
          {mock ? 'Serve this one as mock' : 'Serve as mock'}
        </button>
        <button
          className="small"
          title="Every recording of this method; each call gets the one whose request matches, else the first"
          onClick={() => void actions.startMock({ method: r.method })}
        >
          Serve all of this method
        </button>
      </div>
      {result && (
        <DiffSummaryView
          diff={result.diff}
          busy={diffBusy}
          onPage={(from) => void actions.pageDiff(from)}
        />
      )}
    </section>
  );
}
