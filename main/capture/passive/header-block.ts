import hpack from 'hpack.js';
import type { IncomingHttpHeaders } from 'node:http2';

/** HTTP/2's initial SETTINGS_HEADER_TABLE_SIZE (RFC 9113 §6.5.2): each encoder starts with it. */
export const DEFAULT_HEADER_TABLE_SIZE = 4096;

/**
 * Decodes the header blocks one peer sends (RFC 7541), in the order it sends them: HPACK is
 * stateful per direction (each block may add to, index into or resize the dynamic table), so every
 * block of the connection goes through here, whatever stream it is on. hpack.js does the bit-level
 * work (integers, Huffman strings, the static and dynamic tables); this reads the representations.
 */
export class HeaderBlockDecoder {
  private readonly decoder = hpack.decoder.create();
  private readonly table = hpack.table.create({ maxSize: DEFAULT_HEADER_TABLE_SIZE });

  /** The receiving peer's SETTINGS_HEADER_TABLE_SIZE: what a size update may go up to. */
  setLimit(size: number): void {
    this.table.protocolMaxSize = size;
  }

  /** One complete header block (HEADERS + CONTINUATION fragments) as Node names its headers. */
  decode(block: Buffer): IncomingHttpHeaders {
    const headers: Record<string, string | string[]> = {};
    const d = this.decoder;
    d.push(block);
    while (!d.isEmpty()) {
      const field = this.field();
      if (field === undefined) continue;
      const [name, value] = field;
      const before = headers[name];
      // Repeated fields stay apart (grpc-js reads an array as one metadata value each).
      if (before === undefined) headers[name] = value;
      else if (Array.isArray(before)) before.push(value);
      else headers[name] = [before, value];
    }
    return headers as IncomingHttpHeaders;
  }

  /** One representation (RFC 7541 §6): a field, or undefined for a dynamic table size update. */
  private field(): [string, string] | undefined {
    const d = this.decoder;
    if (d.decodeBit()) {
      const entry = this.table.lookup(d.decodeInt()); // §6.1 indexed
      return [entry.name, entry.value];
    }
    const incremental = d.decodeBit(); // §6.2.1 with incremental indexing
    if (!incremental) {
      if (d.decodeBit()) {
        this.table.updateSize(d.decodeInt()); // §6.3 dynamic table size update
        return undefined;
      }
      d.decodeBit(); // §6.2.2 / §6.2.3: without indexing, never indexed
    }
    const index = d.decodeInt();
    let name: string;
    let nameSize: number;
    if (index === 0) {
      const raw = d.decodeStr();
      nameSize = raw.length;
      name = text(raw);
    } else {
      const entry = this.table.lookup(index);
      name = entry.name;
      nameSize = entry.nameSize;
    }
    const raw = d.decodeStr();
    const value = text(raw);
    if (incremental) this.table.add(name, value, nameSize, raw.length);
    return [name, value];
  }
}

/** Header octets as Node's HTTP/2 gives them: one character per octet (latin1). */
function text(octets: Buffer | number[]): string {
  return Buffer.isBuffer(octets)
    ? octets.toString('latin1')
    : Buffer.from(octets).toString('latin1');
}
