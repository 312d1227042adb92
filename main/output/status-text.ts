import { base64Decode } from '@bufbuild/protobuf/wire';
import type { CallStatus } from '../../shared/calls/events.js';
import { quoteBytes } from '../codec/text-format/print-text.js';

/**
 * -format-error with -format text: the status as a google.rpc.Status in text format, as grpcurl
 * prints it — each detail an Any with its type URL and its bytes, not expanded.
 */
export function formatStatusText(status: CallStatus): string {
  const lines: string[] = [];
  if (status.code !== 0) lines.push(`code: ${status.code}`);
  if (status.message !== '')
    lines.push(`message: ${quoteBytes(new TextEncoder().encode(status.message))}`);
  for (const detail of status.details) {
    lines.push(
      'details: <',
      `  type_url: ${quoteBytes(new TextEncoder().encode(`type.googleapis.com/${detail.type}`))}`,
      `  value: ${quoteBytes(base64Decode(detail.raw))}`,
      '>',
    );
  }
  return `${lines.join('\n')}\n`;
}
