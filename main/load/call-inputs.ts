// Each call's messages and metadata, encoded by the method's codec (the engine's, call-plan.ts).
// Without per-call values they are encoded once and reused; with `{{$uuid}}`-style dynamic values
// or `--data` columns they are substituted (the workspace's own substituteRequest) for every call.
import * as grpc from '@grpc/grpc-js';
import type { RequestDocument } from '../../shared/request/document.js';
import { hasPlaceholder } from '../../shared/workspace/placeholders.js';
import type { CallPlan } from '../engine/call-plan.js';
import { sentEntries, toGrpcMetadata } from '../metadata/index.js';
import type { DataRow } from '../runner/data-file.js';
import { dynamicValue } from '../workspace/variables/dynamic.js';
import { substituteRequest } from '../workspace/variables/substitute-request.js';
import { LoadOptionError } from './schedule.js';

export interface CallInput {
  messages: Buffer[];
  metadata: grpc.Metadata;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** `count` messages: the request's, repeated in order as often as needed (stream calls). */
function pick<T>(items: readonly T[], count: number): T[] {
  return Array.from({ length: count }, (_, i) => items[i % items.length] as T);
}

function encode(plan: CallPlan, request: RequestDocument, count: number): CallInput {
  const entries = sentEntries(request.metadata);
  return {
    messages: pick(request.messages, count).map((m) => toBuffer(plan.requestCodec.encode(m))),
    metadata: toGrpcMetadata(entries),
  };
}

function usesPerCallValues(request: RequestDocument): boolean {
  return hasPlaceholder(JSON.stringify([request.messages, request.metadata]));
}

/**
 * The inputs of call k (0-based over the whole run). A name that is neither dynamic nor a data
 * column is refused before the first call, naming where it is used.
 */
export function callInputs(
  plan: CallPlan,
  request: RequestDocument,
  messageCount: number,
  rows: readonly DataRow[] | undefined,
): (k: number) => CallInput {
  if (!usesPerCallValues(request)) {
    const once = encode(plan, request, messageCount);
    // grpc-js adds its own headers to a call's metadata: each call gets a copy.
    return () => ({ messages: once.messages, metadata: once.metadata.clone() });
  }
  const at = (k: number) => (name: string) =>
    name.startsWith('$') ? dynamicValue(name) : rows?.[k % rows.length]?.[name];
  const first = substituteRequest(request, at(0));
  const missing = first.unknown[0];
  if (missing)
    throw new LoadOptionError(
      `unknown variable {{${missing.name}}} in ${missing.where}: neither a dynamic value ($uuid, $timestamp, $isoTimestamp, $randomInt) nor a --data column; nothing was sent`,
    );
  return (k) => encode(plan, substituteRequest(request, at(k)).request, messageCount);
}
