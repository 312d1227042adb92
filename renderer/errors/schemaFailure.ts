// A failed schema load as the UI keeps it: what kind of failure (from the error's details, set by
// main/reflection), the engine's own text (the detail behind the words) and where it was tried.
import type { RequestDocument } from '../../shared/request/index.js';
import { targetOf } from '../../shared/request/targets.js';
import { errorMessage } from '../api/client.js';
import { failureWords, isFailureKind, type FailureContext, type FailureKind } from './words.js';

export interface SchemaFailure {
  /** Undefined when the failure is not one the table knows (a .proto syntax error, …). */
  kind?: FailureKind;
  /** The engine's message (already in words for file problems: file, line, field). */
  message: string;
  /** grpc-js's original text, when the engine put it in words. */
  rawMessage?: string;
  /** The load's deadline, for a `deadline` failure. */
  deadlineMs?: number;
  target: string;
  tls: boolean;
  /** Loaded by reflection (else from files: the next steps differ). */
  reflection: boolean;
}

function detailsOf(e: unknown): Record<string, unknown> {
  const details = (e as { details?: unknown } | null)?.details;
  return typeof details === 'object' && details !== null
    ? (details as Record<string, unknown>)
    : {};
}

export function schemaFailureOf(
  e: unknown,
  draft: Pick<RequestDocument, 'schema' | 'connection'>,
): SchemaFailure {
  const details = detailsOf(e);
  const failure: SchemaFailure = {
    message: errorMessage(e),
    target: targetOf(draft.connection),
    tls: draft.connection.security.kind !== 'plaintext',
    reflection: !draft.schema,
  };
  if (isFailureKind(details.failure)) failure.kind = details.failure;
  if (typeof details.rawMessage === 'string') failure.rawMessage = details.rawMessage;
  if (typeof details.deadlineMs === 'number') failure.deadlineMs = details.deadlineMs;
  return failure;
}

/** Where the load went, for the words of its failure. */
export function contextOf(f: SchemaFailure): FailureContext {
  return {
    target: f.target,
    tls: f.tls,
    doing: 'reflection',
    ...(f.deadlineMs === undefined ? {} : { deadlineMs: f.deadlineMs }),
  };
}

/** The one line shown wherever a tab's schema error is (the words when the kind is known). */
export function schemaFailureHeadline(f: SchemaFailure): string {
  if (f.kind === undefined) return f.message;
  return failureWords(f.kind, contextOf(f)).headline;
}
