// The call's final status: code name, message, decoded error details. All server text as text.
import type { CallStatus } from '../../shared/calls/events.js';

export function StatusView({ status, running, durationMs, sizes }: { status: CallStatus | null; running: boolean; durationMs: number | null; sizes: string }) {
  return (
    <div className="statusline">
      <div role="status" aria-label="Call status">
        {status ? (
          <>
            <span className={`code ${status.code === 0 ? 'ok' : 'bad'}`}>
              {status.codeName}
              {status.code !== 0 ? ` (${status.code})` : ''}
            </span>
            {status.rawCode !== undefined && <span className="muted"> raw grpc-status: {status.rawCode}</span>}
            {status.message && status.message !== status.codeName && <span className={status.code === 0 ? 'muted' : 'error-text'}> {status.message}</span>}
            {status.details.length > 0 && (
              <ul className="details-list" aria-label="Error details">
                {status.details.map((d, i) => (
                  <li key={i}>
                    <span className="mono">{d.type}</span>
                    <pre className="mono">{d.value === null ? `(unknown type) base64: ${d.raw}` : JSON.stringify(d.value, null, 2)}</pre>
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : running ? (
          <span className="muted">Running…</span>
        ) : (
          <span className="muted">Not sent yet</span>
        )}
      </div>
      <span style={{ flex: 1 }} />
      {durationMs !== null && <span className="muted">{formatMs(durationMs)}</span>}
      <span className="muted">{sizes}</span>
    </div>
  );
}

export function formatMs(ms: number): string {
  return ms < 1 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
