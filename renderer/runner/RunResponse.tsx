// A request opened from the runner: its response in the run (status, timing, the failing
// assertions with their values, the messages received), until the tab makes a call of its own.
import type { RequestResult } from '../../shared/contract/runner-commands.js';
import type { CallStatus } from '../../shared/calls/events.js';
import { StatusView } from '../components/StatusView.js';
import { ResponseViewer } from '../components/response/ResponseViewer.js';
import { AssertionOutcomes } from './AssertionOutcomes.js';

export function RunResponse({ result }: { result: RequestResult }) {
  const status = {
    code: result.status?.code ?? 2,
    codeName: result.status?.codeName ?? 'UNKNOWN',
    message: result.status?.message ?? result.error ?? '',
    details: [],
  } as CallStatus;
  const text = JSON.stringify(
    result.responses.length === 1 ? result.responses[0] : result.responses,
    null,
    2,
  );
  return (
    <>
      <StatusView
        status={status}
        running={false}
        durationMs={result.durationMs}
        sizes={`${result.received} message${result.received === 1 ? '' : 's'} received in the run (iteration ${result.iteration})`}
      />
      <div className="pane-body" style={{ display: 'flex', flexDirection: 'column' }}>
        {result.error && <p className="error-text">{result.error}</p>}
        <AssertionOutcomes assertions={result.assertions} />
        {result.received > 0 && (
          <div style={{ flex: 1, minHeight: 120 }} aria-label="Response message">
            <ResponseViewer text={text} label="Response JSON" />
          </div>
        )}
      </div>
    </>
  );
}
