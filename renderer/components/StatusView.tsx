// The call's final status: code name, message, decoded error details. All server text as text.
// A failure on the client's side (never connected, the call's own deadline) is said in words with
// its next step; grpc-js's text is one click away.
import type { CallStatus } from '../../shared/calls/events.js';
import { formatBytes, formatMs } from '../timeline/rowText.js';
import { failureWords, type FailureContext, type NextStep } from '../errors/words.js';
import { FailureDetails } from '../errors/FailureDetails.js';
import { NextSteps } from '../errors/NextSteps.js';

/** A client-side failure in words, below the status line. */
function ClientFailure({
  status,
  context,
  onStep,
}: {
  status: CallStatus & { failure: NonNullable<CallStatus['failure']> };
  context: Omit<FailureContext, 'doing'>;
  onStep?: (step: NextStep) => void;
}) {
  const words = failureWords(status.failure, { ...context, doing: 'call' });
  return (
    <div className="call-failure">
      <p className="failure-headline">{words.headline}</p>
      <p className="failure-hint">{words.hint}</p>
      {onStep && <NextSteps steps={words.next} onStep={onStep} />}
      <FailureDetails text={status.rawMessage ?? status.message} />
    </div>
  );
}

export function StatusView({
  status,
  running,
  durationMs,
  sizes,
  context,
  onStep,
}: {
  status: CallStatus | null;
  running: boolean;
  durationMs: number | null;
  sizes: string;
  /** Where and how the call went, for the words of a client-side failure. */
  context?: Omit<FailureContext, 'doing'>;
  onStep?: (step: NextStep) => void;
}) {
  const failed = status?.failure !== undefined && context !== undefined;
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
            {failed ? (
              <ClientFailure
                status={status as CallStatus & { failure: NonNullable<CallStatus['failure']> }}
                context={context}
                onStep={onStep}
              />
            ) : (
              status.message &&
              status.message !== status.codeName && (
                <span className={status.code === 0 ? 'muted' : 'error-text'}>
                  {' '}
                  {status.message}
                </span>
              )
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
