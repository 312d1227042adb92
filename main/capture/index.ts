export {
  startCaptureProxy,
  DEFAULT_MAX_OBSERVED_BYTES,
  type CaptureProxy,
  type CaptureProxyOptions,
  type LiveCall,
} from './capture-proxy.js';
export type { CallSummary, CaptureSchema } from './call-record.js';
export { REDACTED_HEADERS, REDACTED_NOTE } from './wire-metadata.js';
