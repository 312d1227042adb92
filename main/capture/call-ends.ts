import http2 from 'node:http2';
import type { CallRecord } from './call-record.js';

const { NGHTTP2_CANCEL, NGHTTP2_REFUSED_STREAM } = http2.constants;

/**
 * How early before its deadline (as the proxy counts it) a client's reset still counts as the
 * deadline: the client started counting before the proxy saw the call, by however long the
 * request took to arrive (more on a loaded machine). On the wire the two resets are the same.
 */
const deadlineSlackMs = (deadlineMs: number): number => Math.max(50, deadlineMs / 10);

/** The codes grpc-js gives a call whose stream was reset, so the recording says what the client saw. */
export function statusOfReset(code: number): number {
  if (code === NGHTTP2_REFUSED_STREAM) return 14;
  if (code === NGHTTP2_CANCEL) return 1;
  if (code === http2.constants.NGHTTP2_ENHANCE_YOUR_CALM) return 8;
  if (code === http2.constants.NGHTTP2_INADEQUATE_SECURITY) return 7;
  return 13;
}

/**
 * The client ended the call before its status (a reset, or its connection gone): past its
 * deadline that is the deadline, not a cancel (replay must not cancel there, diff must not differ).
 */
export function clientEndedCall(
  record: CallRecord,
  call: { started: number; deadlineMs: number | undefined },
  cancelled: string,
  /** When the client ended it, on the scale of `call.started`. */
  now: number = performance.now(),
): void {
  if (record.ended) return;
  const { deadlineMs } = call;
  const pastDeadline =
    deadlineMs !== undefined && now - call.started >= deadlineMs - deadlineSlackMs(deadlineMs);
  if (pastDeadline) record.fault(4, 'Deadline exceeded (the client reset the stream)');
  else record.fault(1, cancelled);
}
