import type { StatusDetail } from '../../shared/calls/events.js';

/**
 * Schema-free fallback for `grpc-status-details-bin`: reads google.rpc.Status by hand (field 3,
 * repeated Any{1: type_url, 2: value}) so every detail keeps its type name and raw bytes even
 * when no schema-aware decoder was injected. Returns [] for bytes that are not a Status.
 */
export function decodeStatusDetailsRaw(bin: Uint8Array): StatusDetail[] {
  try {
    const details: StatusDetail[] = [];
    for (const field of readFields(bin)) {
      if (field.number !== 3 || !field.bytes) continue;
      let typeUrl = '';
      let value: Uint8Array = new Uint8Array();
      for (const inner of readFields(field.bytes)) {
        if (inner.number === 1 && inner.bytes) typeUrl = Buffer.from(inner.bytes).toString('utf8');
        if (inner.number === 2 && inner.bytes) value = inner.bytes;
      }
      details.push({
        type: typeUrl.slice(typeUrl.lastIndexOf('/') + 1),
        value: null,
        raw: Buffer.from(value).toString('base64'),
      });
    }
    return details;
  } catch {
    return [];
  }
}

interface Field {
  number: number;
  bytes?: Uint8Array;
}

function* readFields(buf: Uint8Array): Generator<Field> {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (pos >= buf.length) throw new Error('truncated varint');
      const b = buf[pos++] as number;
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 63) throw new Error('varint too long');
    }
  };
  while (pos < buf.length) {
    const tag = varint();
    const number = Math.floor(tag / 8);
    switch (tag & 7) {
      case 0:
        varint();
        yield { number };
        break;
      case 1:
        pos += 8;
        yield { number };
        break;
      case 2: {
        const len = varint();
        if (pos + len > buf.length) throw new Error('truncated field');
        yield { number, bytes: buf.subarray(pos, pos + len) };
        pos += len;
        break;
      }
      case 5:
        pos += 4;
        yield { number };
        break;
      default:
        throw new Error('unsupported wire type');
    }
  }
  if (pos !== buf.length) throw new Error('truncated');
}
