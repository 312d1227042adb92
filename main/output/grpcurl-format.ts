import type {
  CallStatus,
  JsonValue,
  MetadataEntry,
  StatusDetail,
} from '../../shared/calls/events.js';
import { unknownAnyJson } from '../codec/unknown-any-json.js';

// Output exactly as grpcurl prints it, so scripts written against grpcurl keep working. Both `gwb`
// calls and saved-request runs (main/workspace/run) print through here.

/** grpcurl's exit code for a non-OK status is this plus the code. */
export const STATUS_EXIT_OFFSET = 64;

/** grpc-go's codes.Code.String(): what grpcurl prints after `Code:`. */
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

export function goCodeName(code: number): string {
  return GO_CODE_NAMES[code] ?? `Code(${code})`;
}

/** One response message: proto3 JSON, two-space indent. */
export function formatMessage(message: JsonValue): string {
  return JSON.stringify(message, null, 2);
}

/** A status detail as the JSON of a google.protobuf.Any. */
export function detailAsAny(detail: StatusDetail): JsonValue {
  const typeUrl = `type.googleapis.com/${detail.type}`;
  if (detail.value !== null && typeof detail.value === 'object' && !Array.isArray(detail.value)) {
    return { '@type': typeUrl, ...detail.value };
  }
  // A type outside the schema: as grpcurl shows an Any it cannot resolve (@error, @type, @value).
  if (detail.value === null) return unknownAnyJson(typeUrl, detail.raw);
  // A well-known type with a scalar JSON form.
  return { '@type': typeUrl, value: detail.value };
}

/** The message grpcurl prints: Go's words for a call that ran out of its own deadline. */
function grpcurlMessage(status: CallStatus): string {
  return status.failure === 'deadline' ? 'context deadline exceeded' : status.message;
}

/** grpcurl's PrintStatus: `ERROR:`, `  Code:`, `  Message:` and the numbered details. */
export function formatStatus(status: CallStatus): string {
  if (status.code === 0) return 'OK\n';
  let out = `ERROR:\n  Code: ${goCodeName(status.code)}\n  Message: ${grpcurlMessage(status)}\n`;
  if (status.rawCode !== undefined) out += `  Raw code: ${status.rawCode}\n`;
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

/** -format-error: the status as google.rpc.Status JSON. */
export function formatStatusJson(status: CallStatus): string {
  const json: { [key: string]: JsonValue } = { code: status.code, message: grpcurlMessage(status) };
  if (status.details.length > 0) json.details = status.details.map(detailAsAny);
  return `${formatMessage(json)}\n`;
}

/** grpcurl's MetadataToString: sorted `key: value` lines, or `(empty)`. */
export function formatMetadata(entries: readonly MetadataEntry[]): string {
  if (entries.length === 0) return '(empty)';
  const sorted = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return sorted.map((e) => `${e.key}: ${e.value}`).join('\n');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
