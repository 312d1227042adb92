// The calls the running mock served: time, method, the recording that answered and why, newest
// first. Everything is rendered as text (method names and reasons come from recordings on disk).
import { useWb } from '../store/useWorkbench.js';
import {
  MAX_MOCK_CALLS_SHOWN,
  mockCallReason,
  mockCallTime,
  recordingFileName,
  shortMethod,
} from './mockCalls.js';

export function MockCallsView() {
  const { rows, total } = useWb((s) => s.mockCalls);
  const caption =
    total === 0
      ? 'No calls yet — point a client at the mock.'
      : total > rows.length
        ? `${total} calls; the last ${rows.length} shown, newest first`
        : `${total} call${total === 1 ? '' : 's'}, newest first (the last ${MAX_MOCK_CALLS_SHOWN} are kept)`;
  return (
    <div style={{ padding: '0 8px 4px' }}>
      <div className="muted" aria-live="polite">
        {caption}
      </div>
      {rows.length > 0 && (
        <ol
          aria-label="Mock calls"
          style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 160, overflow: 'auto' }}
        >
          {rows.map((call) => (
            // The sidebar is narrow: the recording and the reason go on their own wrapped line.
            <li
              key={call.n}
              className="mono"
              title={`${call.method} ← ${call.recording} (${call.why})`}
              style={{
                overflowWrap: 'anywhere',
                fontSize: '0.85em',
                padding: '2px 0',
                borderBottom: '1px solid var(--border)',
              }}
            >
              <span className="muted">{mockCallTime(call.at)}</span> {shortMethod(call.method)}{' '}
              <span style={{ display: 'block', paddingLeft: 12 }}>
                ← {recordingFileName(call.recording)}{' '}
                <span className={call.matched ? undefined : 'muted'}>({mockCallReason(call)})</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
