import {
  create,
  fromBinary,
  fromJson,
  toBinary,
  toJson,
  type DescMessage,
  type Message,
  type Registry,
} from '@bufbuild/protobuf';
import { anyPack, type Any } from '@bufbuild/protobuf/wkt';
import type { JsonValue, StatusDetail } from '../../shared/calls/events.js';
import { CodecError } from './codec-error.js';
import { locateJsonError } from './locate-json-error.js';
import { googleRpcRegistry, statusDetailsRegistry } from './rpc-registry.js';
import { putTypeUrlFirst } from './any-key-order.js';
import { setAsideUnknownAnys } from './unknown-any.js';

export interface DecodedStatus {
  code: number;
  message: string;
  details: StatusDetail[];
}

export interface StatusDetailInput {
  /** Full message type name, e.g. `google.rpc.ResourceInfo`. */
  type: string;
  /** The detail as proto3 JSON. */
  value: JsonValue;
}

/** google.rpc.Status as bufbuild shapes it; the descriptor is built at runtime, so no generated type. */
interface StatusShape {
  code: number;
  message: string;
  details: Any[];
}

function statusDesc() {
  const desc = googleRpcRegistry().getMessage('google.rpc.Status');
  if (!desc) throw new Error('google.rpc.Status is missing from the built-in descriptors');
  return desc;
}

/**
 * Reads `grpc-status-details-bin` (a serialized google.rpc.Status). Each detail is decoded when its
 * type is a standard google.rpc error detail or in the loaded schema; otherwise it keeps value null
 * and its raw bytes, so nothing is lost.
 */
export function decodeStatusDetails(
  registry: Registry | undefined,
  statusDetailsBin: Uint8Array,
): DecodedStatus {
  const desc = statusDesc();
  let status: StatusShape;
  try {
    status = fromBinary(desc, statusDetailsBin) as unknown as StatusShape;
  } catch (err) {
    throw new CodecError(
      desc.typeName,
      '',
      `invalid wire data in grpc-status-details-bin: ${errorText(err)}`,
    );
  }
  const types = statusDetailsRegistry(registry);
  const details = status.details.map((any) => decodeDetail(types, any));
  return { code: status.code, message: status.message, details };
}

function decodeDetail(types: Registry, any: Any): StatusDetail {
  const type = any.typeUrl.slice(any.typeUrl.lastIndexOf('/') + 1);
  const raw = Buffer.from(any.value).toString('base64');
  const desc = types.getMessage(type);
  if (!desc) return { type, value: null, raw };
  try {
    return { type, value: detailJson(desc, fromBinary(desc, any.value), types), raw };
  } catch {
    // A detail that does not parse as its claimed type is still shown, as raw bytes.
    return { type, value: null, raw };
  }
}

/** A detail's JSON; an Any inside it of a type nobody knows is shown as grpcurl shows it. */
function detailJson(desc: DescMessage, message: Message, types: Registry): JsonValue {
  try {
    return toJson(desc, message, { registry: types }) as JsonValue;
  } catch (err) {
    const unknown = setAsideUnknownAnys(desc, message, types);
    if (!unknown) throw err;
    const json = toJson(desc, message, { registry: unknown.registry }) as JsonValue;
    return unknown.restore(putTypeUrlFirst(json));
  }
}

/** Builds `grpc-status-details-bin` bytes; for servers and tests that need to send rich errors. */
export function encodeStatusDetails(
  registry: Registry | undefined,
  status: { code: number; message: string; details: StatusDetailInput[] },
): Uint8Array {
  const types = statusDetailsRegistry(registry);
  const details = status.details.map((detail, i) => {
    const desc = types.getMessage(detail.type);
    if (!desc)
      throw new CodecError(
        'google.rpc.Status',
        `details[${i}]`,
        `unknown detail type ${detail.type}`,
      );
    try {
      return anyPack(desc, fromJson(desc, detail.value, { registry: types }));
    } catch {
      const where = locateJsonError(desc, detail.value, { registry: types });
      const path = where?.path ? `details[${i}].${where.path}` : `details[${i}]`;
      throw new CodecError(
        'google.rpc.Status',
        path,
        where?.reason ?? `does not fit ${detail.type}`,
      );
    }
  });
  const desc = statusDesc();
  return toBinary(desc, create(desc, { code: status.code, message: status.message, details }));
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
