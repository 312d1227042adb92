// Making request documents, without zod (the renderer bundle imports this at run time).
import type { JsonValue } from '../calls/events.js';
import type { Connection } from './connection.js';
import type { RequestDocument } from './document.js';
import { methodName } from './method-path.js';

/** A new request with the given connection: one empty message, nothing else set. */
export function newRequest(connection: Connection, method = '', name?: string): RequestDocument {
  return {
    name: name ?? (methodName(method) || 'New request'),
    connection,
    method,
    messages: [{}],
    metadata: [],
    options: {},
    notes: '',
  };
}

/** The single message of a unary or server-streaming request (`{}` when there is none). */
export function firstMessage(doc: Pick<RequestDocument, 'messages'>): JsonValue {
  return doc.messages[0] ?? {};
}
