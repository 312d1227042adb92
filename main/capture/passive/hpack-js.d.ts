// The parts of hpack.js (indutny's HPACK, the decoder spdy uses) the passive reader uses: its
// bit-level decoder (integers, Huffman strings) and its header table (static + dynamic).
declare module 'hpack.js' {
  interface Decoder {
    push(chunk: Buffer): void;
    isEmpty(): boolean;
    decodeBit(): number;
    decodeInt(): number;
    /** A literal's octets: a Buffer when sent as is, the decoded octets when Huffman-coded. */
    decodeStr(): Buffer | number[];
  }
  interface TableEntry {
    name: string;
    value: string;
    nameSize: number;
  }
  interface Table {
    /** The limit a dynamic table size update may not exceed (SETTINGS_HEADER_TABLE_SIZE). */
    protocolMaxSize: number;
    lookup(index: number): TableEntry;
    add(name: string, value: string, nameSize: number, valueSize: number): void;
    updateSize(size: number): void;
  }
  const hpack: {
    decoder: { create(): Decoder };
    table: { create(options: { maxSize: number }): Table };
  };
  export default hpack;
}
