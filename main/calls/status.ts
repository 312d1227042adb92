import { connectionFailureOf } from '../channels/connection-failure.js';
import type { ProxyRoute } from '../proxy/proxy-failures.js';
import {
  STATUS_CODE_NAMES,
  type CallFailure,
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

/** What grpc-js's client says when the call's own deadline passes (with timings after "after"). */
const CLIENT_DEADLINE_TEXT = /^Deadline exceeded(?: after [^]*)?$/;

/** The stable message of a call ended by its own deadline. */
export const DEADLINE_EXCEEDED_MESSAGE = 'Deadline exceeded';

/** What the session knows about a status grpc-js reported, besides the status itself. */
export interface StatusContext {
  /** The target as the call shows it, for "failed to connect to <target>: …". */
  target: string;
  /** Headers, a message or trailers came from the server: it was reached. */
  heardFromServer: boolean;
  /** The call had a deadline and it has passed. */
  deadlinePassed: boolean;
  /** The channel's proxy and CONNECT target, when it goes through a proxy (its failure's words). */
  proxyRoute?: ProxyRoute;
}

/**
 * The status of a call as grpc-js reported it, with what the client itself caused put in words:
 * its own deadline ("Deadline exceeded", failure `deadline`) and a server never reached ("failed
 * to connect to host:port: connection refused", failure `unreachable`, …). grpc-js's text (timings,
 * remote_addr, timestamps, OpenSSL internals) moves to rawMessage, so every run of the same call
 * reads the same. A status the server sent keeps its message.
 */
export function receivedStatus(
  code: number,
  message: string,
  details: StatusDetail[],
  rawCode: string | undefined,
  context: StatusContext,
): CallStatus {
  const status = makeStatus(code, message, details, rawCode);
  if (code === 4 && context.deadlinePassed && CLIENT_DEADLINE_TEXT.test(message))
    return inWords(status, DEADLINE_EXCEEDED_MESSAGE, 'deadline');
  if (code !== 14 || context.heardFromServer) return status;
  const failure = connectionFailureOf(message, context.proxyRoute);
  if (!failure) return status;
  return inWords(status, `failed to connect to ${context.target}: ${failure.reason}`, failure.kind);
}

function inWords(status: CallStatus, message: string, failure: CallFailure): CallStatus {
  const out: CallStatus = { ...status, message, failure };
  if (status.message !== message) out.rawMessage = status.message;
  return out;
}
