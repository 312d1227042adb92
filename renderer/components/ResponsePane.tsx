// The response of the active tab: a unary result, or a stream's timeline with its composer.
import { useMemo, useState } from 'react';
import { useStoreApi, useWb } from '../store/useWorkbench.js';
import { peekLog } from '../store/callLogs.js';
import { ResponseViewer } from './response/ResponseViewer.js';
import { MetadataTable } from './MetadataTable.js';
import { StatusView, formatBytes } from './StatusView.js';
import { Timeline } from './Timeline.js';
import { Composer } from './Composer.js';
import { tabById } from '../store/selectors.js';
import type { ResponseSummary } from '../../shared/session/session.js';
import type { CallStatus } from '../../shared/calls/events.js';
import { neverConnected, type NextStep } from '../errors/words.js';
import { withSecurityMode } from './securityMode.js';
import { CheckResults, checksTitle } from '../checks/CheckResults.js';
import { RunResponse } from '../runner/RunResponse.js';

/** A restored tab's last answer: its status and counts (the messages themselves are not kept). */
function LastResponse({ summary }: { summary: ResponseSummary }) {
  const status = {
    code: summary.code,
    codeName: summary.codeName,
    message: summary.message,
    details: [],
  } as CallStatus;
  const at = new Date(summary.endedAt).toLocaleTimeString();
  const received = `${summary.received} message${summary.received === 1 ? '' : 's'} received`;
  return (
    <>
      <StatusView
        status={status}
        running={false}
        durationMs={summary.durationMs}
        sizes={received}
      />
      <div className="empty">
        <p className="muted">
          The last response of this tab, at {at}. Its messages are not kept: press Send to call
          again.
        </p>
      </div>
    </>
  );
}

export function ResponsePane({ tabId }: { tabId: string }) {
  const store = useStoreApi();
  const callId = useWb((s) => tabById(s, tabId)?.callId ?? null);
  const lastResponse = useWb((s) => tabById(s, tabId)?.lastResponse ?? null);
  const security = useWb((s) => tabById(s, tabId)?.draft.connection.security);
  const call = useWb((s) => (callId ? s.calls[callId] : undefined));
  // Re-render when the call's log changes (at most once per frame).
  useWb((s) => (callId ? s.calls[callId]?.version : 0));
  const [view, setView] = useState<'body' | 'headers' | 'trailers' | 'tests'>('body');
  const checks = useWb((s) => (callId ? s.callChecks[callId] : undefined));
  const draftChecks = useWb((s) => {
    const draft = tabById(s, tabId)?.draft;
    return (draft?.assertions?.length ?? 0) + (draft?.captures?.length ?? 0) > 0;
  });
  const runResult = useWb((s) => s.runResultsByTab[tabId]);
  const log = peekLog(callId);
  // Only a unary response is shown whole; a stream's messages are in its timeline.
  const received = call?.kind === 'unary' ? log?.lastReceived() : undefined;
  // Made once per message: a 5 MB response must not be re-serialised on every store update.
  const responseText = useMemo(
    () =>
      received?.type !== 'received'
        ? ''
        : received.message === null
          ? `// could not decode: ${received.decodeError ?? ''}`
          : JSON.stringify(received.message, null, 2),
    [received],
  );
  if ((!call || !log) && runResult) return <RunResponse result={runResult} />;
  if ((!call || !log) && lastResponse) return <LastResponse summary={lastResponse} />;
  if (!call || !log)
    return <div className="empty">The response will show here. Press Send (Ctrl+Enter).</div>;
  const streaming = call.kind !== 'unary';
  // A call that never reached the server sent nothing, whatever grpc-js had queued.
  const sizes = neverConnected(log.status)
    ? 'Nothing sent: the server was never reached'
    : `↑ ${formatBytes(log.bytesSent)} · ↓ ${formatBytes(log.bytesReceived)}`;
  const started = log.started?.type === 'started' ? log.started : undefined;
  // A call's checks arrive when it ends. Like Postman's Test Results, the Tests view stays chosen
  // across Sends and says so while the call runs; a call with no tests to wait for shows its body.
  const testsRunning = !checks && !call.done && draftChecks;
  const shown = view === 'tests' && !checks && !testsRunning ? 'body' : view;
  const onStep = (step: NextStep): void => {
    const s = store.getState();
    if (step === 'load_protos') s.setSettingsOpen(true);
    if (step === 'use_tls' || step === 'use_plaintext')
      s.setConnection(
        {
          security: withSecurityMode(
            security ?? { kind: 'plaintext' },
            step === 'use_tls' ? 'tls' : 'plaintext',
          ),
        },
        tabId,
      );
    if (step !== 'load_protos') void s.send(tabId);
  };
  return (
    <>
      <StatusView
        status={log.status}
        running={!call.done}
        durationMs={log.durationMs}
        sizes={sizes}
        context={{
          target: started?.target ?? '',
          tls: security !== undefined && security.kind !== 'plaintext',
          ...(started?.deadlineMs !== undefined ? { deadlineMs: started.deadlineMs } : {}),
        }}
        onStep={onStep}
      />
      {call.notes?.map((note) => (
        <p key={note} className="call-note muted" role="note">
          {note}
        </p>
      ))}
      <div className="subtabs">
        {/* The tablist holds only its tabs (ARIA); Copy beside it is a plain button. */}
        <div className="subtabs-list" role="tablist" aria-label="Response views">
          {(['body', 'headers', 'trailers'] as const).map((v) => (
            <button key={v} role="tab" aria-selected={shown === v} onClick={() => setView(v)}>
              {v === 'body'
                ? streaming
                  ? 'Timeline'
                  : 'Response'
                : v === 'headers'
                  ? `Headers (${log.headers?.length ?? 0})`
                  : `Trailers (${log.trailers?.length ?? 0})`}
            </button>
          ))}
          {(checks || testsRunning) && (
            <button role="tab" aria-selected={shown === 'tests'} onClick={() => setView('tests')}>
              {checks ? checksTitle(checks) : 'Tests'}
            </button>
          )}
        </div>
        <span style={{ flex: 1 }} />
        {!streaming && received?.type === 'received' && (
          <button
            className="small"
            onClick={() => void navigator.clipboard.writeText(responseText).catch(() => undefined)}
          >
            Copy
          </button>
        )}
      </div>
      {shown === 'headers' && (
        <div className="pane-body">
          <MetadataTable entries={log.headers} label="Headers" />
        </div>
      )}
      {shown === 'trailers' && (
        <div className="pane-body">
          <MetadataTable entries={log.trailers} label="Trailers" />
        </div>
      )}
      {shown === 'tests' &&
        (checks ? (
          <CheckResults checks={checks} />
        ) : (
          <div className="pane-body">
            <p className="muted" role="status">
              Running: the tests run when the call ends.
              {streaming && ' Its messages are in the Timeline tab.'}
            </p>
          </div>
        ))}
      {shown === 'body' &&
        (streaming ? (
          <>
            <Timeline callId={call.callId} />
            {(call.kind === 'client_stream' || call.kind === 'bidi_stream') && (
              <Composer tabId={tabId} call={call} />
            )}
            {!call.done && call.kind === 'server_stream' && (
              <div className="composer">
                <div className="line">
                  <button
                    className="danger"
                    onClick={() => void store.getState().cancelCall(tabId)}
                  >
                    Cancel
                  </button>
                </div>
              </div>
            )}
          </>
        ) : (
          <div className="pane-body" style={{ display: 'flex', flexDirection: 'column' }}>
            {received?.type === 'received' ? (
              <div style={{ flex: 1 }} aria-label="Response message">
                <ResponseViewer text={responseText} label="Response JSON" />
              </div>
            ) : (
              <p className="muted">
                {call.done ? 'No response message.' : 'Waiting for the response…'}{' '}
                {!call.done && (
                  <button
                    className="danger"
                    onClick={() => void store.getState().cancelCall(tabId)}
                  >
                    Cancel
                  </button>
                )}
              </p>
            )}
          </div>
        ))}
    </>
  );
}
