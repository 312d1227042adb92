import type { CallEvent } from '../../../shared/calls/events.js';
import { directionOf } from '../../../shared/recording/index.js';

/**
 * One event as its NDJSON line (no newline). The direction goes in front by splicing the string,
 * not by copying the event object: this runs once per streamed message.
 */
export function serializeEvent(event: CallEvent): string {
  return `{"dir":"${directionOf(event.type)}",${JSON.stringify(event).slice(1)}`;
}
