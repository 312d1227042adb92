// The one place a history entry is masked (the history observer calls it for every ended call):
// the request's texts (masked-request.ts), the status message and the events as a call masks
// them. Masking is idempotent (secret-mask.ts keeps the placeholders already there), so the log,
// masked at its source by the call session, is masked again with every secret: that catches a
// value captured as secret from the call's own answer, unknown when the call started.
import type { SecretMask } from '../../calls/secret-mask.js';
import { maskedRequest } from '../variables/masked-request.js';
import type { HistoryAppend } from './history-store.js';

export function maskedAppend(input: HistoryAppend, mask: SecretMask): HistoryAppend {
  return {
    ...input,
    request: maskedRequest(input.request, mask),
    status: { code: input.status.code, message: mask.text(input.status.message) },
    events: input.events.map((event) => mask.event(event).event),
  };
}
