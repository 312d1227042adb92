import {
  STATUS_CODE_NAMES,
  type CallStatus,
  type StatusCodeName,
  type StatusDetail,
} from '../../shared/calls/events.js';

/** Name for a numeric code; anything outside 0–16 (or not a number at all) is UNKNOWN. */
export function codeName(code: number): StatusCodeName {
  return (Number.isInteger(code) && STATUS_CODE_NAMES[code]) || 'UNKNOWN';
}

/**
 * A status as shown: a code that is not a valid gRPC code becomes UNKNOWN (2), keeping what the
 * server sent in rawCode so nothing is hidden.
 */
export function makeStatus(
  code: number,
  message: string,
  details: StatusDetail[],
  rawCode?: string,
): CallStatus {
  const valid = Number.isInteger(code) && code >= 0 && code < STATUS_CODE_NAMES.length;
  const status: CallStatus = {
    code: valid ? code : 2,
    codeName: valid ? codeName(code) : 'UNKNOWN',
    message,
    details,
  };
  if (!valid) status.rawCode = rawCode ?? String(code);
  return status;
}
