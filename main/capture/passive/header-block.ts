import hpack from 'hpack.js';
import type { IncomingHttpHeaders } from 'node:http2';

/** HTTP/2's initial SETTINGS_HEADER_TABLE_SIZE (RFC 9113 §6.5.2): each encoder starts with it. */
export const DEFAULT_HEADER_TABLE_SIZE = 4096;

/**
 * The most header list (RFC 7541 §4.1 size: name + value + 32 per field) one block may decode to,
 * and the most raw bytes a header block or a gathered frame may hold. Without a bound one small
 * block of indexed fields, each naming a 4 KB table entry, decodes to gigabytes. 64 KiB is above
 * what gRPC servers accept by default (grpc-js and grpc-core take 16 KiB and 8 KiB).
 */
export const MAX_HEADER_LIST_BYTES = 64 * 1024;
/** A peer's SETTINGS_MAX_HEADER_LIST_SIZE raises the bound, up to this much and no further. */
const MOST_HEADER_LIST_BYTES = 1024 * 1024;
/** Blocks up to this long are remembered once decoded (see HeaderBlockDecoder.seen)… */
const REMEMBERED_BLOCK_BYTES = 1024;
/** …and this many of them (all forgotten when there are more). */
const REMEMBERED_BLOCKS = 64;

/**
 * Decodes the header blocks one peer sends (RFC 7541), in the order it sends them: HPACK is
 * stateful per direction (each block may add to, index into or resize the dynamic table), so every
 * block of the connection goes through here, whatever stream it is on. hpack.js does the bit-level
 * work (integers, Huffman strings, the static and dynamic tables); this reads the representations.
 */
export class HeaderBlockDecoder {
  private readonly decoder = hpack.decoder.create();
  private readonly table = hpack.table.create({ maxSize: DEFAULT_HEADER_TABLE_SIZE });
  /** The bound of one block's decoded header list (and of its raw bytes, see FrameReader). */
  listLimit = MAX_HEADER_LIST_BYTES;
  /**
   * Blocks decoded since the dynamic table last changed, by their bytes, with what they decoded
   * to (frozen: every reader of the block shares it). A peer sends the same block call after call
   * (a client's request headers, a server's trailers), each field an index into the tables; such
   * a block means the same as long as the table is unchanged, and decoding it again field by
   * field was most of reading it. Any change to the table (an entry added, a size update; even
   * by a block that then failed) or to the list bound forgets them all.
   */
  private readonly seen = new Map<string, IncomingHttpHeaders>();
  /** Changes to the dynamic table so far / when the blocks in `seen` were decoded. */
  private changes = 0;
  private seenAt = 0;

  /** The receiving peer's SETTINGS_HEADER_TABLE_SIZE: what a size update may go up to. */
  setLimit(size: number): void {
    this.table.protocolMaxSize = size;
  }

  /**
   * The receiving peer's SETTINGS_MAX_HEADER_LIST_SIZE: a peer that accepts larger lists raises
   * the bound (to at most 1 MiB); a smaller one does not lower it (the proxy only reads a copy,
   * refusing is the peer's business).
   */
  setListLimit(advertised: number): void {
    this.listLimit = Math.min(Math.max(MAX_HEADER_LIST_BYTES, advertised), MOST_HEADER_LIST_BYTES);
    this.seen.clear();
  }

  /** One complete header block (HEADERS + CONTINUATION fragments) as Node names its headers. */
  decode(block: Buffer): IncomingHttpHeaders {
    if (block.length > REMEMBERED_BLOCK_BYTES) return this.decodeFields(block);
    // The table changed since: a block that added to it is forgotten before it is read again.
    if (this.changes !== this.seenAt) {
      this.seen.clear();
      this.seenAt = this.changes;
    }
    const key = block.toString('latin1');
    const known = this.seen.get(key);
    if (known) return known;
    const headers = this.decodeFields(block);
    // Shared by every reader of the block: the lists of repeated fields are frozen too.
    for (const value of Object.values(headers)) if (Array.isArray(value)) Object.freeze(value);
    Object.freeze(headers);
    if (this.seen.size >= REMEMBERED_BLOCKS) this.seen.clear();
    this.seen.set(key, headers);
    return headers;
  }

  private decodeFields(block: Buffer): IncomingHttpHeaders {
    // No prototype (as Node's http2 builds its headers): a peer's field named `constructor`,
    // `__proto__` or `toString` is then just a header, never an inherited function or a new
    // prototype (whose `length` a later field would read).
    const headers = Object.create(null) as Record<string, string | string[]>;
    const d = this.decoder;
    d.push(block);
    let size = 0;
    while (!d.isEmpty()) {
      const field = this.field();
      if (field === undefined) continue;
      const [name, value] = field;
      size += name.length + value.length + 32;
      if (size > this.listLimit)
        throw new Error(`a header block decodes to more than ${this.listLimit} bytes of headers`);
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
        this.changes++;
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
    if (incremental) {
      this.table.add(name, value, nameSize, raw.length);
      this.changes++;
    }
    return [name, value];
  }
}

/** Header octets as Node's HTTP/2 gives them: one character per octet (latin1). */
function text(octets: Buffer | number[]): string {
  return Buffer.isBuffer(octets)
    ? octets.toString('latin1')
    : Buffer.from(octets).toString('latin1');
}
