import type { JsonValue } from '../../../shared/calls/events.js';
import type { MockEntry } from './mock-catalog.js';
import { requestKey, RequestSequence } from './request-key.js';

/** Which recording answers a call, and why (the mock reports both per call). */
export interface RecordingChoice {
  entry: MockEntry;
  /** True when the client's messages picked it; false for the default. */
  matched: boolean;
  why: string;
}

/**
 * The default recording of a method: its first in the order the recordings were given (a folder's
 * sorted by file name). Used whenever no recording matches the client's messages.
 */
export function defaultChoice(entries: readonly MockEntry[], why: string): RecordingChoice {
  return { entry: entries[0] as MockEntry, matched: false, why: `default: ${why}` };
}

/** A client message as proto3 JSON, read with the method's request type; undefined if it fails. */
function decodeRequest(entries: readonly MockEntry[], bytes: Buffer): JsonValue | undefined {
  try {
    return (entries[0] as MockEntry).codecs.request.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Unary and server-stream calls (their only message) and bidi calls (their first): the first
 * recording, among those allowed, whose first client message equals this one.
 */
export function chooseByFirstRequest(
  entries: readonly MockEntry[],
  request: Buffer | undefined,
  allowed: (entry: MockEntry) => boolean = () => true,
): RecordingChoice {
  if (entries.length === 1)
    return { entry: entries[0] as MockEntry, matched: false, why: 'only recording' };
  if (request === undefined) return defaultChoice(entries, 'the client sent no message');
  const json = decodeRequest(entries, request);
  if (json === undefined) return defaultChoice(entries, 'the client message does not decode');
  const key = requestKey(json);
  const entry = entries.find((e) => allowed(e) && e.requests.firstKey === key);
  return entry
    ? { entry, matched: true, why: 'first client message matched' }
    : defaultChoice(entries, 'no recording has this client message');
}

/**
 * Client-stream calls: collects the client's messages as they arrive (as a digest, never the
 * messages themselves) and, after the half-close, picks the first recording whose client messages
 * are the same, all of them, in order.
 */
export class ClientStreamChooser {
  private readonly sequence = new RequestSequence();
  private undecodable = false;
  // Past this many messages no recording can match, so later ones are not decoded.
  private readonly most: number;

  constructor(private readonly entries: readonly MockEntry[]) {
    this.most =
      entries.length > 1 ? Math.max(...entries.map((e) => e.requests.all?.count ?? 0)) : 0;
  }

  add(bytes: Buffer): void {
    if (this.undecodable || this.sequence.count >= this.most) {
      this.sequence.count++;
      return;
    }
    const json = decodeRequest(this.entries, bytes);
    if (json === undefined) this.undecodable = true;
    else this.sequence.add(json);
  }

  choose(): RecordingChoice {
    const entries = this.entries;
    if (entries.length === 1)
      return { entry: entries[0] as MockEntry, matched: false, why: 'only recording' };
    if (this.undecodable) return defaultChoice(entries, 'a client message does not decode');
    const { count } = this.sequence;
    const candidates = entries.filter((e) => e.requests.all?.count === count);
    const digest = candidates.length > 0 ? this.sequence.digest() : undefined;
    const entry = candidates.find((e) => e.requests.all?.digest === digest);
    return entry
      ? { entry, matched: true, why: `all ${count} client messages matched` }
      : defaultChoice(entries, `no recording matches the client's ${count} messages`);
  }
}

/**
 * Bidi calls wait for the first client message only when that can change the answer and cannot
 * hold up the server: another recording could match, and the default's server does not speak first.
 * Otherwise the default starts with the call; this says why, or undefined to wait.
 */
export function bidiStartsAtOnce(entries: readonly MockEntry[]): RecordingChoice | undefined {
  const [first, ...others] = entries as [MockEntry, ...MockEntry[]];
  if (others.length === 0) return { entry: first, matched: false, why: 'only recording' };
  if (first.requests.serverSpeaksFirst)
    return defaultChoice(
      entries,
      'its server sends before the client does, so the recording is chosen when the call starts',
    );
  if (!others.some(bidiMatchable))
    return defaultChoice(entries, 'no other recording can be chosen by first client message');
  return undefined;
}

/** A bidi recording that can be chosen by first client message: its client spoke first. */
export function bidiMatchable(entry: MockEntry): boolean {
  return entry.requests.firstKey !== undefined && !entry.requests.serverSpeaksFirst;
}
