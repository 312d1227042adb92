// Finished calls, newest first, each with its server; search; a click reopens the request and
// its response in a new tab.
import { STATUS_CODE_NAMES } from '../../shared/calls/events.js';
import { useStoreApi, useWb } from '../store/useWorkbench.js';

export function HistoryPanel() {
  const store = useStoreApi();
  const entries = useWb((s) => s.historyEntries);
  const query = useWb((s) => s.historyQuery);
  const error = useWb((s) => s.historyError);
  return (
    <section
      role="region"
      aria-label="History"
      style={{
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
        flex: '1 1 auto',
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 4, padding: '4px 8px' }}>
        <strong style={{ flex: 1 }}>History</strong>
        <button
          onClick={() => void store.getState().clearHistory()}
          disabled={entries.length === 0}
        >
          Clear history
        </button>
      </div>
      <input
        className="filter"
        type="search"
        aria-label="Search history"
        // The hint fits the sidebar at its narrowest (200 px, beside the search box's clear
        // button); the tooltip says everything the search looks in.
        placeholder="Method, host, status"
        title="Searches each call's method, host, request body, metadata and status"
        value={query}
        onChange={(e) => void store.getState().setHistoryQuery(e.target.value)}
      />
      {error && (
        <p className="error-text side-error" role="alert">
          {error}
        </p>
      )}
      <ul aria-label="History entries" className="side-list">
        {entries.map((e) => (
          <li key={e.id}>
            <button
              className="history-row"
              title={`${e.method} on ${e.address}${e.environment ? ` (${e.environment})` : ''}: ${e.status.message || 'OK'}`}
              onClick={() => void store.getState().reopenHistory(e.id)}
            >
              {/* The method keeps its own line: a long status or address never hides it. */}
              <span className="history-method">{e.name}</span>
              <span className="history-meta">
                <span className={`history-status ${e.status.code === 0 ? 'ok' : 'failed'}`}>
                  {STATUS_CODE_NAMES[e.status.code] ?? e.status.code}
                </span>
                <span className="history-server">{e.address}</span>
                <span className="muted">{new Date(e.at).toLocaleTimeString()}</span>
              </span>
            </button>
          </li>
        ))}
        {entries.length === 0 && (
          <li className="muted" style={{ padding: '2px 8px' }}>
            {query ? 'Nothing matches.' : 'Calls you make show up here.'}
          </li>
        )}
      </ul>
    </section>
  );
}
