import { createHash, type Hash } from 'node:crypto';
import type { JsonValue } from '../../../shared/calls/events.js';

/**
 * A request's proto3 JSON as one string with object keys sorted, so two requests are equal exactly
 * when their keys are: field order and JSON formatting never matter, values always do. Every way the
 * mock chooses a recording by request compares these keys.
 */
export function requestKey(message: JsonValue): string {
  if (Array.isArray(message)) return `[${message.map(requestKey).join(',')}]`;
  if (message !== null && typeof message === 'object') {
    const fields = Object.keys(message)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${requestKey(message[k] as JsonValue)}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(message);
}

/**
 * The client messages of a call, in order, as a count and a digest of their keys: a recorded client
 * stream and a live one match when both are equal, and neither has to be held in memory.
 */
export class RequestSequence {
  private readonly hash: Hash = createHash('sha256');
  private digestCache: string | undefined;
  count = 0;

  add(message: JsonValue): void {
    // A key never holds a raw newline (JSON escapes it), so it separates messages unambiguously.
    this.hash.update(`${requestKey(message)}\n`);
    this.count++;
  }

  /** Call once all messages are added. */
  digest(): string {
    this.digestCache ??= this.hash.digest('hex');
    return this.digestCache;
  }
}
