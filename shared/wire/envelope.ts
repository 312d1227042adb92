// The one envelope every wire carries (Electron IPC and the web host's WebSocket alike).

import { z } from 'zod';
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

export const envelopeIdSchema = z.union([z.string().min(1).max(128), z.number().int().nonnegative()]);

/** What a host accepts from a client: only calls travel that way. */
export const callEnvelopeSchema = z.object({
  t: z.literal('call'),
  id: envelopeIdSchema,
  name: z.string().max(128),
  input: z.unknown(),
});

export function isReplyEnvelope(value: unknown): value is ReplyEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const t = (value as { t?: unknown }).t;
  return t === 'result' || t === 'error';
}

export function isEventEnvelope(value: unknown): value is EventEnvelope {
  return typeof value === 'object' && value !== null && (value as { t?: unknown }).t === 'event';
}
