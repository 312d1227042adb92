// History as a call observer: attached to every call when it starts, it appends the ended call to
// the open workspace's history as its template (variables not substituted), with the values of
// the secrets it used masked wherever they appear in the log.
import type { CallEvent, CallStatus } from '../../shared/calls/events.js';
import { createSecretMask } from '../calls/index.js';
import type { Workspace } from '../workspace/index.js';
import type { CallObserverFactory } from './call-observer.js';
import { maskedAppend } from '../workspace/history/masked-append.js';

/** The final status and duration of an ended call's log. */
export function outcomeOf(events: readonly CallEvent[]): {
  status: { code: number; message: string };
  durationMs: number;
} {
  let status: CallStatus | undefined;
  let durationMs = 0;
  for (const e of events) {
    if (e.type === 'status') status = e.status;
    else if (e.type === 'ended') durationMs = e.durationMs;
  }
  return {
    status: status
      ? { code: status.code, message: status.message }
      : { code: 2, message: 'the call ended without a status' },
    durationMs,
  };
}

/** The call's secrets and those captured from its answer, in one map (the first when none was captured). */
function secretsOf(
  secrets: ReadonlyMap<string, string>,
  captured: ReadonlyMap<string, string> | undefined,
): ReadonlyMap<string, string> {
  if (captured === undefined || captured.size === 0) return secrets;
  return new Map([...secrets, ...captured]);
}

/** `workspace()`: the workspace open when the call ends (its history gets the entry). */
export function historyObserverFor(workspace: () => Workspace): CallObserverFactory {
  return (start) => {
    // The messages of the whole call: a long call's log hands over only its first events and a
    // window, and history says how many messages went missing where (cap-events.ts).
    const messages = { sent: 0, received: 0 };
    return {
      onEvent(event) {
        if (event.type === 'sent' || event.type === 'received') messages[event.type]++;
      },
      onEnded(events) {
        try {
          // Made on the turn after (the history of the workspace open now): a run's next call
          // begins first. The log, the template and the captured secrets do not change since.
          workspace().history.appendEnded(() => {
            const { status, durationMs } = outcomeOf(events);
            const mask = createSecretMask(secretsOf(start.secrets, start.capturedSecrets));
            const entry = {
              request: start.template,
              ...(start.requestPath !== undefined ? { requestPath: start.requestPath } : {}),
              ...(start.environment !== undefined ? { environment: start.environment } : {}),
              status,
              durationMs,
              events,
              messages,
            };
            // The template may hold a value too (typed in, or as base64 bytes), and a value
            // captured as secret from this very answer is in the log unmasked (not known when the
            // call started; the checks observer has added it by now): all masked with every secret.
            return mask ? maskedAppend(entry, mask) : entry;
          });
        } catch {
          // History is a convenience: a full disk or a broken workspace must not fail the call.
        }
      },
    };
  };
}
