// A message's size as the timeline shows it: the decoded size, and beside it the size on the wire
// when the message crossed it compressed ("52.0 KiB · 412 B gzip on the wire").
import type { MessagePayload } from '../../shared/calls/events.js';
import { formatBytes } from '../timeline/rowText.js';

export function messageSizeText(
  payload: Pick<MessagePayload, 'size' | 'wireSize' | 'encoding'>,
): string {
  const decoded = formatBytes(payload.size);
  if (payload.wireSize === undefined || payload.wireSize === payload.size) return decoded;
  return `${decoded} · ${formatBytes(payload.wireSize)} ${payload.encoding ?? 'compressed'} on the wire`;
}
