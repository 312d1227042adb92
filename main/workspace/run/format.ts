// The same text `gwb` (and grpcurl) prints for a call, so a saved request run reads like a call.
// (Kept here because main/ may not import the CLI in app/.)
import type { CallStatus, JsonValue, StatusDetail } from '../../../shared/calls/events.js';

const GO_CODE_NAMES = [
  'OK',
  'Canceled',
  'Unknown',
  'InvalidArgument',
  'DeadlineExceeded',
  'NotFound',
  'AlreadyExists',
  'PermissionDenied',
  'ResourceExhausted',
  'FailedPrecondition',
  'Aborted',
  'OutOfRange',
  'Unimplemented',
  'Internal',
  'Unavailable',
  'DataLoss',
  'Unauthenticated',
] as const;

/** grpcurl's exit code for a non-OK status is this plus the code. */
export const STATUS_EXIT_OFFSET = 64;

export function goCodeName(code: number): string {
  return GO_CODE_NAMES[code] ?? `Code(${code})`;
}

export function formatMessage(message: JsonValue): string {
  return JSON.stringify(message, null, 2);
}

function detailAsAny(detail: StatusDetail): JsonValue {
  const typeUrl = `type.googleapis.com/${detail.type}`;
  if (detail.value !== null && typeof detail.value === 'object' && !Array.isArray(detail.value))
    return { '@type': typeUrl, ...detail.value };
  return detail.value === null
    ? { '@type': typeUrl, value: detail.raw }
    : { '@type': typeUrl, value: detail.value };
}

export function formatStatus(status: CallStatus): string {
  if (status.code === 0) return 'OK\n';
  let out = `ERROR:\n  Code: ${goCodeName(status.code)}\n  Message: ${status.message}\n`;
  if (status.details.length > 0) {
    out += '  Details:\n';
    status.details.forEach((detail, i) => {
      const prefix = `  ${i + 1})`;
      const indent = `${' '.repeat(prefix.length)}\t`;
      const lines = formatMessage(detailAsAny(detail)).split('\n');
      out += `${prefix}\t${lines.map((line, n) => (n === 0 ? line : indent + line)).join('\n')}\n`;
    });
  }
  return out;
}
