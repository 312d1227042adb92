import { ScalarType, type DescEnum, type DescField, type DescMessage } from '@bufbuild/protobuf';
import { getTextEncoding } from '@bufbuild/protobuf/wire';
import { reaches } from './reaches.js';

/**
 * Wire bytes straight to the JSON text `JSON.stringify(toJson(desc, fromBinary(desc, bytes)))`
 * gives (default options), without the message object, the JSON object tree or the option copies
 * in between: a recording proxy decodes every message of a stream only to write its line, and
 * those three steps were a third of its capture thread's work per message.
 *
 * Only for the types where that text is simple to get right: proto3, no maps (their keys are
 * sorted after toJson), no oneofs or explicit-presence scalars, no groups, no extensions, no
 * well-known types (each has its own JSON form) at any depth. For the bytes it cannot be sure of
 * (a wire type other than the field's, a singular message given twice (merged), truncated or
 * malformed data, invalid UTF-8, nesting deeper than bufbuild allows) it returns undefined and the
 * caller decodes the usual way, so results and errors stay those of @bufbuild/protobuf.
 */
export type JsonTextDecoder = (bytes: Uint8Array) => string | undefined;

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;
/** bufbuild's default recursion limit: deeper nesting is left to it (it throws). */
const MAX_DEPTH = 100;

interface FieldPlan {
  /** `"jsonName":` */
  readonly key: string;
  readonly number: number;
  readonly list: boolean;
  readonly scalar: ScalarType | undefined;
  readonly enumDesc: DescEnum | undefined;
  /** The enum's zero (its first value), omitted when singular (implicit presence). */
  readonly enumZero: number;
  readonly message: MessagePlan | undefined;
  readonly utf8Validation: boolean;
  /** The wire type of one value (packed lists are length-delimited besides). */
  readonly wireType: number;
}

interface MessagePlan {
  /** In field number order: toJson writes its keys so. */
  fields: FieldPlan[];
  /** Field number to its index in `fields` (sparse). */
  indexOf: Map<number, number>;
}

const plans = new WeakMap<DescMessage, MessagePlan>();

function fits(desc: DescMessage): boolean {
  if (desc.typeName.startsWith('google.protobuf.')) return false;
  // proto3 also rules out groups and closed enums (proto2's unknown values go to unknown fields).
  if (desc.file.proto.syntax !== 'proto3') return false;
  if (desc.proto.extensionRange.length > 0) return false;
  return desc.fields.every(
    (f) =>
      f.fieldKind !== 'map' &&
      f.oneof === undefined &&
      f.jsonName !== '__proto__' &&
      (f.fieldKind === 'list' || f.fieldKind === 'message' || f.presence === IMPLICIT) &&
      (f.enum === undefined || f.enum.typeName !== 'google.protobuf.NullValue'),
  );
}

/** FeatureSet.FieldPresence.IMPLICIT (bufbuild's descriptors carry the number). */
const IMPLICIT = 2;

function wireTypeOf(scalar: ScalarType | undefined): number {
  switch (scalar) {
    case undefined: // message
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return LENGTH_DELIMITED;
    case ScalarType.DOUBLE:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return FIXED64;
    case ScalarType.FLOAT:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
      return FIXED32;
    default:
      return VARINT;
  }
}

function planOf(desc: DescMessage): MessagePlan {
  let plan = plans.get(desc);
  if (plan) return plan;
  plan = { fields: [], indexOf: new Map() };
  // Registered first: a type that holds itself (a tree) finds this plan.
  plans.set(desc, plan);
  const sorted = desc.fields.concat().sort((a, b) => a.number - b.number);
  plan.fields = sorted.map((f) => fieldPlan(f));
  sorted.forEach((f, i) => plan.indexOf.set(f.number, i));
  return plan;
}

function fieldPlan(f: DescField): FieldPlan {
  const scalar = f.fieldKind === 'scalar' || f.fieldKind === 'list' ? f.scalar : undefined;
  const enumDesc = f.enum;
  const message = f.message ? planOf(f.message) : undefined;
  return {
    key: `${JSON.stringify(f.jsonName)}:`,
    number: f.number,
    list: f.fieldKind === 'list',
    scalar: enumDesc || message ? undefined : scalar,
    enumDesc,
    enumZero: enumDesc?.values[0]?.number ?? 0,
    message,
    utf8Validation: f.fieldKind === 'scalar' || f.fieldKind === 'list' ? f.utf8Validation : false,
    wireType: enumDesc ? VARINT : message ? LENGTH_DELIMITED : wireTypeOf(scalar),
  };
}

/** The decoder for `desc`, or undefined when its JSON is not one this file writes (see above). */
export function jsonTextDecoder(desc: DescMessage): JsonTextDecoder | undefined {
  if (reaches(desc, (d) => !fits(d))) return undefined;
  const plan = planOf(desc);
  return (bytes) => {
    const reader = new WireReader(bytes);
    try {
      const text = messageText(plan, reader, bytes.length, 1);
      return text !== undefined && reader.pos === bytes.length ? text : undefined;
    } catch {
      return undefined; // invalid UTF-8 (strict): bufbuild says so
    }
  };
}

class WireReader {
  pos = 0;
  lo = 0;
  hi = 0;
  readonly buf: Buffer;
  constructor(bytes: Uint8Array) {
    this.buf = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Reads a varint into lo/hi; false when it runs past `end` or over 10 bytes. */
  varint(end: number): boolean {
    const buf = this.buf;
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= end) return false;
      const b = buf[this.pos++]!;
      if (shift < 28) lo |= (b & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (b & 0x0f) << 28;
        hi = (b & 0x7f) >> 4;
      } else hi |= (b & 0x7f) << (shift - 32);
      shift += 7;
      if (b < 0x80) {
        this.lo = lo;
        this.hi = hi;
        return true;
      }
    }
    return false;
  }
}

const TWO_32 = BigInt(2 ** 32);

function int64Text(scalar: ScalarType, lo: number, hi: number): string {
  if (hi === 0 && scalar !== ScalarType.SINT64) return `"${lo >>> 0}"`;
  const u = BigInt(hi >>> 0) * TWO_32 + BigInt(lo >>> 0);
  if (scalar === ScalarType.UINT64 || scalar === ScalarType.FIXED64) return `"${u}"`;
  if (scalar === ScalarType.SINT64) return `"${(u >> 1n) ^ -(u & 1n)}"`;
  return `"${BigInt.asIntN(64, u)}"`;
}

function floatText(v: number): string {
  if (Number.isNaN(v)) return '"NaN"';
  if (v === Infinity) return '"Infinity"';
  if (v === -Infinity) return '"-Infinity"';
  return String(v); // -0 as 0, as JSON.stringify writes it
}

/**
 * One value of a field at reader.pos (wire type checked by the caller) as JSON text; '' for a
 * singular field's zero (implicit presence: toJson leaves it out); undefined when not sure.
 */
function valueText(f: FieldPlan, r: WireReader, end: number, depth: number): string | undefined {
  const buf = r.buf;
  if (f.message) {
    if (!r.varint(end)) return undefined;
    const to = r.pos + r.lo;
    if (r.hi !== 0 || r.lo < 0 || to > end) return undefined;
    return messageText(f.message, r, to, depth + 1);
  }
  if (f.enumDesc) {
    if (!r.varint(end)) return undefined;
    const n = r.lo | 0;
    const name = f.enumDesc.value[n]?.jsonName;
    const text = name === undefined ? String(n) : JSON.stringify(name);
    return !f.list && n === f.enumZero ? '' : text;
  }
  const scalar = f.scalar!;
  switch (f.wireType) {
    case VARINT: {
      if (!r.varint(end)) return undefined;
      const { lo, hi } = r;
      if (!f.list && lo === 0 && hi === 0) return '';
      switch (scalar) {
        case ScalarType.BOOL:
          return lo !== 0 || hi !== 0 ? 'true' : 'false';
        case ScalarType.INT32:
          return String(lo | 0);
        case ScalarType.UINT32:
          return String(lo >>> 0);
        case ScalarType.SINT32:
          return String((lo >>> 1) ^ -(lo & 1));
        default:
          return int64Text(scalar, lo, hi);
      }
    }
    case FIXED32: {
      if (r.pos + 4 > end) return undefined;
      const at = r.pos;
      r.pos += 4;
      const v = scalar === ScalarType.FLOAT ? buf.readFloatLE(at) : buf.readUInt32LE(at);
      // Object.is: toJson writes a -0 (as 0), the zero it leaves out is +0 only.
      if (!f.list && Object.is(v, 0)) return '';
      if (scalar === ScalarType.FLOAT) return floatText(v);
      return String(scalar === ScalarType.SFIXED32 ? buf.readInt32LE(at) : buf.readUInt32LE(at));
    }
    case FIXED64: {
      if (r.pos + 8 > end) return undefined;
      const at = r.pos;
      r.pos += 8;
      if (scalar === ScalarType.DOUBLE) {
        const v = buf.readDoubleLE(at);
        return !f.list && Object.is(v, 0) ? '' : floatText(v);
      }
      const lo = buf.readUInt32LE(at);
      const hi = buf.readUInt32LE(at + 4);
      return !f.list && lo === 0 && hi === 0 ? '' : int64Text(scalar, lo, hi);
    }
    default: {
      if (!r.varint(end)) return undefined;
      const at = r.pos;
      const to = at + r.lo;
      if (r.hi !== 0 || r.lo < 0 || to > end) return undefined;
      r.pos = to;
      if (!f.list && to === at) return '';
      if (scalar === ScalarType.BYTES) return `"${buf.toString('base64', at, to)}"`;
      const text = isAscii(buf, at, to)
        ? buf.toString('latin1', at, to)
        : getTextEncoding().decodeUtf8(buf.subarray(at, to), f.utf8Validation);
      return JSON.stringify(text);
    }
  }
}

function isAscii(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf[i]! > 0x7f) return false;
  return true;
}

/** Skips an unknown field's value; false for groups or data that runs out. */
function skip(r: WireReader, wireType: number, end: number): boolean {
  switch (wireType) {
    case VARINT:
      return r.varint(end);
    case FIXED64:
      r.pos += 8;
      return r.pos <= end;
    case FIXED32:
      r.pos += 4;
      return r.pos <= end;
    case LENGTH_DELIMITED:
      if (!r.varint(end) || r.hi !== 0 || r.lo < 0) return false;
      r.pos += r.lo;
      return r.pos <= end;
    default:
      return false;
  }
}

function messageText(
  plan: MessagePlan,
  r: WireReader,
  end: number,
  depth: number,
): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  // Per field: a singular value's text, or a list's item texts.
  const slots: (string | string[] | undefined)[] = new Array<undefined>(plan.fields.length);
  while (r.pos < end) {
    if (!r.varint(end) || r.hi !== 0) return undefined;
    const number = r.lo >>> 3;
    const wireType = r.lo & 7;
    if (number === 0) return undefined; // bufbuild: illegal tag
    const index = plan.indexOf.get(number);
    if (index === undefined) {
      if (!skip(r, wireType, end)) return undefined;
      continue;
    }
    const f = plan.fields[index]!;
    if (f.list && wireType === LENGTH_DELIMITED && f.wireType !== LENGTH_DELIMITED) {
      // Packed
      if (!r.varint(end) || r.hi !== 0 || r.lo < 0) return undefined;
      const to = r.pos + r.lo;
      if (to > end) return undefined;
      const items = (slots[index] as string[] | undefined) ?? (slots[index] = []);
      while (r.pos < to) {
        const text = valueText(f, r, to, depth);
        if (text === undefined) return undefined;
        items.push(text);
      }
      continue;
    }
    if (wireType !== f.wireType) return undefined;
    const text = valueText(f, r, end, depth);
    if (text === undefined) return undefined;
    if (f.list) ((slots[index] as string[] | undefined) ?? (slots[index] = [])).push(text);
    else if (f.message && slots[index] !== undefined)
      return undefined; // merged by bufbuild
    else slots[index] = text === '' ? undefined : text;
  }
  if (r.pos !== end) return undefined;
  let out = '{';
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    if (slot === undefined || (typeof slot !== 'string' && slot.length === 0)) continue;
    if (out.length > 1) out += ',';
    out += plan.fields[i]!.key;
    out += typeof slot === 'string' ? slot : `[${slot.join(',')}]`;
  }
  return `${out}}`;
}
