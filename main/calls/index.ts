export { startCall, WATCHDOG_GRACE_MS } from './call-session.js';
export { CallStateError, type CallOptions, type CallSession, type RawSend } from './call-types.js';
export { makeStatus, codeName } from './status.js';
export { eventTime } from './event-time.js';
export { decodeStatusDetailsRaw } from './status-details.js';
export {
  createSecretMask,
  maskedNames,
  restoreSecrets,
  secretPlaceholder,
  SECRET_PLACEHOLDER_PATTERN,
  type SecretMask,
} from './secret-mask.js';
