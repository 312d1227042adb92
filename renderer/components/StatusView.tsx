// The call's final status: code name, message, decoded error details. All server text as text.
import type { CallStatus } from '../../shared/calls/events.js';
import { formatBytes, formatMs } from '../timeline/rowText.js';

export function StatusView({
  status,
  running,
  durationMs,
  sizes,
}: {
  status: CallStatus | null;
  running: boolean;
  durationMs: number | null;
  sizes: string;
}) {
  return (
    <div className="statusline">
      <div role="status" aria-label="Call status">
        {status ? (
          <>
            <span className={`code ${status.code === 0 ? 'ok' : 'bad'}`}>
              {status.codeName}
              {status.code !== 0 ? ` (${status.code})` : ''}
            </span>
            {status.rawCode !== undefined && (
              <span className="muted"> raw grpc-status: {status.rawCode}</span>
            )}
            {status.message && status.message !== status.codeName && (
              <span className={status.code === 0 ? 'muted' : 'error-text'}> {status.message}</span>
            )}
            {status.details.length > 0 && (
              <ul className="details-list" aria-label="Error details">
                {status.details.map((d, i) => (
                  <li key={i}>
                    <span className="mono">{d.type}</span>
                    <pre className="mono">
                      {d.value === null
                        ? `(unknown type) base64: ${d.raw}`
                        : JSON.stringify(d.value, null, 2)}
                    </pre>
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

export { formatMs, formatBytes };
