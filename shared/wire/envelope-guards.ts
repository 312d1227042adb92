// The envelope's shapes and plain type guards, free of zod: the renderer imports only this file, so
// the schema library stays out of the page bundle (it cost ~450 KB and a long task at load).
// The validating schema for what a host accepts lives in `envelope.ts`.

import type { ErrorCode } from '../contract/errors.js';

export type EnvelopeId = string | number;

export interface CallEnvelope {
  t: 'call';
  id: EnvelopeId;
  name: string;
  input: unknown;
}
export interface ResultEnvelope {
  t: 'result';
  id: EnvelopeId;
  output: unknown;
}
export interface ErrorEnvelope {
  t: 'error';
  /** null when the request was too broken to carry an id. */
  id: EnvelopeId | null;
  code: ErrorCode;
  message: string;
  details?: unknown;
}
export interface EventEnvelope {
  t: 'event';
  topic: string;
  payload: unknown;
}

export type ReplyEnvelope = ResultEnvelope | ErrorEnvelope;
export type Envelope = CallEnvelope | ReplyEnvelope | EventEnvelope;

export function isReplyEnvelope(value: unknown): value is ReplyEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const t = (value as { t?: unknown }).t;
  return t === 'result' || t === 'error';
}

export function isEventEnvelope(value: unknown): value is EventEnvelope {
  return typeof value === 'object' && value !== null && (value as { t?: unknown }).t === 'event';
}
