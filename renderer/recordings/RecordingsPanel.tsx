// The sidebar's recordings: those of the active tab's method (or all), newest first; import a
// file; a click opens one in the viewer. Each recording of a file of several (gwb proxy's
// `*.recordings`) is an entry of its own, marked with its number there. The list refreshes when a
// call ends. A running mock shows its port, a Stop button and the calls it served.
import { useEffect } from 'react';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { activeTab } from '../store/selectors.js';
import { RecordingViewer } from './RecordingViewer.js';
import { MockCallsView } from './MockCallsView.js';
import { PortField } from '../layout/PortField.js';
import { packedRecordingId } from '../../shared/recording/recording-id.js';

/** What an entry says after its method: where the recording came from. */
function originNote(r: { id: string; replayOf?: string | undefined }): string {
  if (r.replayOf) return ' (replay)';
  const packed = packedRecordingId(r.id);
  if (packed) return ` (#${packed.n})`;
  if (r.id.endsWith('-imported.ndjson')) return ' (imported)';
  return r.id.startsWith('captured/') ? ' (captured)' : '';
}

export function RecordingsPanel() {
  const store = useStoreApi();
  const recordings = useWb((s) => s.recordings);
  const scope = useWb((s) => s.recordingsScope);
  const error = useWb((s) => s.recordingsError);
  const method = useWb((s) => activeTab(s)?.draft.method || null);
  const openedId = useWb((s) => s.openedRecording?.summary.id ?? null);
  const mock = useWb((s) => s.mock);

  useEffect(() => {
    void store.getState().loadRecordings();
  }, [store, method, scope]);

  useEffect(() => store.getState().listenMockCalls(), [store]);

  // A call that ended may have written a recording.
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.calls === prev.calls) return;
        for (const id of Object.keys(s.calls)) {
          if (s.calls[id]?.done && !prev.calls[id]?.done) {
            void store.getState().loadRecordings();
            return;
          }
        }
      }),
    [store],
  );

  return (
    <section
      role="region"
      aria-label="Recordings"
      style={{
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
        flex: '1 1 auto',
      }}
    >
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 4,
          padding: '4px 8px',
          flexWrap: 'wrap',
        }}
      >
        <strong style={{ flex: 1 }}>Recordings</strong>
        <select
          aria-label="Recordings shown"
          value={scope}
          onChange={(e) =>
            void store.getState().setRecordingsScope(e.target.value as 'method' | 'all')
          }
        >
          <option value="method">This method</option>
          <option value="all">All</option>
        </select>
        <label
          className="button-like"
          style={{ cursor: 'pointer', position: 'relative' }}
          title="Import an NDJSON recording or a JSON export"
        >
          Import
          <input
            type="file"
            aria-label="Import recording"
            accept=".ndjson,.jsonl,.json"
            className="visually-hidden"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void file.text().then((text) => store.getState().importRecording(text));
            }}
          />
        </label>
      </div>
      <div style={{ padding: '2px 8px' }}>
        <PortField use="mock" label="Mock port" />
      </div>
      {mock && (
        <div style={{ display: 'flex', alignItems: 'center', gap: 6, padding: '2px 8px' }}>
          <span className="mono" title={mock.methods.join('\n')}>
            Mock listening on 127.0.0.1:{mock.port}
          </span>
          <button className="small" onClick={() => void store.getState().stopMock()}>
            Stop mock
          </button>
        </div>
      )}
      {mock && <MockCallsView />}
      {error && (
        <p className="error-text side-error" role="alert">
          {error}
        </p>
      )}
      <ul aria-label="Recording list" className="side-list">
        {recordings.map((r) => (
          <li key={r.id}>
            <button
              className="row list-row"
              aria-current={r.id === openedId ? 'true' : undefined}
              title={`${r.id} on ${r.target}`}
              onClick={() => void store.getState().openRecording(r.id)}
            >
              <span
                style={{
                  flex: 1,
                  overflow: 'hidden',
                  textOverflow: 'ellipsis',
                  whiteSpace: 'nowrap',
                }}
              >
                {r.method.split('/').at(-1)}
                {originNote(r)}
              </span>
              <span className="muted">
                {r.received}↓ {r.sent}↑
              </span>
              <span className="muted">{new Date(r.startedAt).toLocaleTimeString()}</span>
            </button>
          </li>
        ))}
        {recordings.length === 0 && (
          <li className="muted" style={{ padding: '2px 8px' }}>
            {scope === 'method' && !method
              ? 'Open a method to see its recordings.'
              : 'No recordings yet.'}
          </li>
        )}
      </ul>
      <RecordingViewer />
    </section>
  );
}
