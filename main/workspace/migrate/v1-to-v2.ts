// A format-1 request → the request document of format 2. The schema source its id named in
// workspace.json goes inline; `body` becomes `messages`.
import type { JsonValue } from '../../../shared/calls/events.js';
import type { RequestDocument, SchemaSourceSpec } from '../../../shared/request/index.js';
import type { SchemaSource } from '../../../shared/workspace/schema-source.js';
import { WorkspaceError } from '../store/workspace-error.js';
import type { RequestV1 } from './v1-format.js';

/** The schema sources of workspace.json (or of an old collection export), read only when needed. */
export type SourceList = () => readonly SchemaSource[];

export interface Migrated {
  request: RequestDocument;
  /** What the user should know about the migration (also written into the request's notes). */
  notes: string[];
}

/** A v1 body was one message, or an array of them for client and bidi streams. */
export function messagesOf(body: JsonValue): JsonValue[] {
  return Array.isArray(body) ? body : [body];
}

function sameAddress(a: string, b: string): boolean {
  const norm = (s: string): string => s.trim().replace(/^grpcs?:\/\//, '');
  return norm(a) === norm(b);
}

/**
 * A reflection source with its own address (format 1 could reflect on one server and send to
 * another) cannot be said in format 2, where reflection uses the request's connection. The
 * request keeps sending where it did; the change is written into its notes and the migration log.
 */
function inlineSource(
  source: SchemaSource,
  request: RequestV1,
  notes: string[],
): SchemaSourceSpec | undefined {
  switch (source.kind) {
    case 'protoFiles':
      return { kind: 'protoFiles', files: source.files, importPaths: source.importPaths };
    case 'descriptorSet':
      return { kind: 'descriptorSet', files: [source.path] };
    case 'reflection': {
      if (source.address.trim() !== '' && !sameAddress(source.address, request.connection.address))
        notes.push(
          `its schema came from server reflection on ${source.address} (schema source "${source.id}"); ` +
            `it now comes from reflection on the request's own address, ${request.connection.address}, ` +
            `where it is still sent`,
        );
      const metadata = source.metadata ?? [];
      return metadata.length > 0 ? { kind: 'reflection', metadata } : undefined;
    }
  }
}

function withNotes(notes: string, added: readonly string[]): string {
  if (added.length === 0) return notes;
  const text = added.map((n) => `Migrated from format 1: ${n}.`).join('\n');
  return notes === '' ? text : `${notes}\n\n${text}`;
}

const IN_WORKSPACE_JSON = (id: string): string =>
  `no schema source "${id}" in workspace.json, so this format-1 request cannot be migrated; add ` +
  `the source back or remove "schemaSource" from the file (it was left as it is)`;

/**
 * Throws (naming `file` and the id) when the id is not in `sources`; nothing is written then.
 * `missing` says that in the words of where the list came from.
 */
export function requestFromV1(
  request: RequestV1,
  sources: SourceList,
  file: string,
  missing: (id: string) => string = IN_WORKSPACE_JSON,
): Migrated {
  const notes: string[] = [];
  let schema: SchemaSourceSpec | undefined;
  if (request.schemaSource !== undefined) {
    const id = request.schemaSource;
    const source = sources().find((s) => s.id === id);
    if (!source) throw new WorkspaceError(`${file}: schemaSource: ${missing(id)}`, 'ECORRUPT');
    schema = inlineSource(source, request, notes);
  }
  const { connection } = request;
  return {
    request: {
      name: request.name,
      connection: {
        address: connection.address,
        security: connection.security,
        ...(connection.authority !== undefined ? { authority: connection.authority } : {}),
      },
      ...(schema !== undefined ? { schema } : {}),
      method: request.method,
      messages: messagesOf(request.body),
      metadata: request.metadata,
      ...(request.deadlineMs !== undefined ? { deadlineMs: request.deadlineMs } : {}),
      options: request.options,
      notes: withNotes(request.notes, notes),
    },
    notes,
  };
}
