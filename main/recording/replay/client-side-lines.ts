import type { JsonValue } from '../../../shared/calls/events.js';
import { parseEventLine } from '../reader/event-reader.js';
import { lineBatches } from '../reader/line-batches.js';

/** A client-side step of a recording, as replay needs it. */
export type ClientStep =
  | {
      kind: 'send';
      t: number;
      raw?: string;
      size: number;
      messageText: string;
      message?: JsonValue;
    }
  | { kind: 'half_close'; t: number }
  | { kind: 'cancel'; t: number };

const SENT_PREFIX = '{"dir":"client","type":"sent","message":';
const CANCELLED = 1;

/**
 * Lines our own writer produced for sent messages are taken apart with string searches instead of
 * JSON.parse: replay at max speed handles each message once on its hot path, and the payload text
 * can go into the new recording as it is. Anything unusual returns undefined and is parsed in full.
 */
function fastSent(text: string): ClientStep | undefined {
  if (!text.startsWith(SENT_PREFIX) || !text.endsWith('}')) return undefined;
  const tAt = text.lastIndexOf(',"t":');
  const seqAt = text.lastIndexOf(',"seq":', tAt);
  const sizeAt = text.lastIndexOf(',"size":', seqAt);
  if (sizeAt < SENT_PREFIX.length || seqAt < sizeAt || tAt < seqAt) return undefined;
  const rawAt = text.indexOf(',"raw":"', sizeAt);
  if (rawAt === -1 || rawAt > seqAt || text[seqAt - 1] !== '"') return undefined;
  const size = Number(text.slice(sizeAt + 8, rawAt));
  const t = Number(text.slice(tAt + 5, -1));
  const raw = text.slice(rawAt + 8, seqAt - 1);
  if (!Number.isFinite(size) || !Number.isFinite(t) || raw.includes('"')) return undefined;
  return { kind: 'send', t, raw, size, messageText: text.slice(SENT_PREFIX.length, sizeAt) };
}

/** The client side of a recording, streamed in batches (the header line is skipped). */
export async function* clientSteps(file: string): AsyncGenerator<ClientStep[]> {
  for await (const batch of lineBatches(file)) {
    const steps: ClientStep[] = [];
    for (const l of batch.lines) {
      if (l.line === 1 || l.text === '') continue;
      const fast = fastSent(l.text);
      if (fast) {
        steps.push(fast);
        continue;
      }
      // Server lines cannot matter here; skip them without parsing.
      if (l.text.startsWith('{"dir":"server"')) continue;
      let event;
      try {
        event = parseEventLine(l, file);
      } catch (error) {
        if (batch.unterminated) break; // a cut last line: replay what was recorded before it
        throw error;
      }
      if (event.type === 'sent') {
        steps.push({
          kind: 'send',
          t: event.t,
          size: event.size,
          messageText: JSON.stringify(event.message),
          message: event.message,
          ...(event.raw !== undefined ? { raw: event.raw } : {}),
        });
      } else if (event.type === 'half_closed') steps.push({ kind: 'half_close', t: event.t });
      else if (event.type === 'status' && event.status.code === CANCELLED)
        steps.push({ kind: 'cancel', t: event.t });
    }
    if (steps.length > 0) yield steps;
  }
}
