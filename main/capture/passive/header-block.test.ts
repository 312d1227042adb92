import { describe, expect, it } from 'vitest';
import { HeaderBlockDecoder } from './header-block.js';

// HPACK (RFC 7541) by hand: an indexed field is 1xxxxxxx; a literal with incremental indexing and
// a new name is 0x40, the name's length and octets, the value's length and octets; a dynamic
// table size update is 001xxxxx. The first dynamic entry is index 62, the one before it 63.
const indexed = (index: number): Buffer => Buffer.from([0x80 | index]);
const added = (name: string, value: string): Buffer =>
  Buffer.concat([
    Buffer.from([0x40, name.length]),
    Buffer.from(name, 'latin1'),
    Buffer.from([value.length]),
    Buffer.from(value, 'latin1'),
  ]);
const sizeUpdate = (size: number): Buffer => Buffer.from([0x20 | size]);
const METHOD_POST = indexed(3);

describe('a header block decoded again', () => {
  it('gives what it gave while the dynamic table is unchanged (remembered, shared, frozen)', () => {
    const decoder = new HeaderBlockDecoder();
    decoder.decode(added('x-a', '1'));
    const block = Buffer.concat([METHOD_POST, indexed(62)]);
    const first = decoder.decode(block);
    expect(first).toEqual({ ':method': 'POST', 'x-a': '1' });
    expect(decoder.decode(Buffer.from(block))).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('reads it afresh once an entry was added: index 62 is the newest entry now', () => {
    const decoder = new HeaderBlockDecoder();
    decoder.decode(added('x-a', '1'));
    const block = Buffer.concat([METHOD_POST, indexed(62)]);
    expect(decoder.decode(block)).toEqual({ ':method': 'POST', 'x-a': '1' });
    decoder.decode(added('x-b', '2'));
    expect(decoder.decode(block)).toEqual({ ':method': 'POST', 'x-b': '2' });
    expect(decoder.decode(Buffer.concat([METHOD_POST, indexed(63)]))).toEqual({
      ':method': 'POST',
      'x-a': '1',
    });
  });

  it('never remembers a block that adds to the table (its second reading adds again)', () => {
    const decoder = new HeaderBlockDecoder();
    const adding = Buffer.concat([METHOD_POST, added('x-n', '1')]);
    decoder.decode(adding);
    decoder.decode(adding);
    // Two entries now: 62 and 63 both x-n.
    expect(decoder.decode(Buffer.concat([indexed(62), indexed(63)]))).toEqual({
      'x-n': ['1', '1'],
    });
  });

  it('reads it afresh after a size update emptied the table', () => {
    const decoder = new HeaderBlockDecoder();
    decoder.decode(added('x-a', '1'));
    const block = Buffer.concat([METHOD_POST, indexed(62)]);
    decoder.decode(block);
    decoder.decode(Buffer.concat([sizeUpdate(0), METHOD_POST]));
    expect(() => decoder.decode(block)).toThrow();
  });

  it('reads it afresh when a peer lowers the header list bound', () => {
    const decoder = new HeaderBlockDecoder();
    decoder.setListLimit(1024 * 1024);
    const big = added('x-big', 'v'.repeat(100));
    decoder.decode(big); // added once: 62 is x-big from here on
    const refs = Buffer.alloc(700, 0x80 | 62); // ~700 × 137 bytes: over 64 KiB, under 1 MiB
    expect(Object.keys(decoder.decode(refs))).toEqual(['x-big']);
    decoder.setListLimit(0); // back to the default bound (64 KiB)
    expect(() => decoder.decode(refs)).toThrow(/more than 65536 bytes/);
  });
});

describe('a header named like something an object inherits', () => {
  // Field names a peer chooses: each must be just a header (Node's http2 reads them so too).
  const blocks: [string, [string, string][]][] = [
    ['constructor', [['constructor', 'x']]],
    [
      '__proto__ twice, then length',
      [
        ['__proto__', 'a'],
        ['__proto__', 'b'],
        ['length', '1'],
      ],
    ],
    [
      'toString',
      [
        ['tostring', 'lower'],
        ['toString', 'camel'],
      ],
    ],
  ];
  for (const [what, fields] of blocks)
    it(`${what}: own keys, text values, no prototype`, () => {
      const headers = new HeaderBlockDecoder().decode(
        Buffer.concat(fields.map(([name, value]) => added(name, value))),
      );
      expect(Object.getPrototypeOf(headers)).toBeNull();
      const expected = new Map<string, string | string[]>();
      for (const [name, value] of fields) {
        const before = expected.get(name);
        expected.set(name, before === undefined ? value : [before, value].flat());
      }
      expect(Object.keys(headers)).toEqual([...expected.keys()]);
      for (const [name, value] of expected) {
        expect(Object.hasOwn(headers, name)).toBe(true);
        expect(headers[name]).toEqual(value);
        expect([value].flat().every((v) => typeof v === 'string')).toBe(true);
      }
    });
});

describe('the remembered blocks are bounded', () => {
  it('never remembers a block over 1 KiB', () => {
    const decoder = new HeaderBlockDecoder();
    const long = Buffer.concat(Array.from({ length: 1025 }, () => indexed(2)));
    expect(decoder.decode(long)).not.toBe(decoder.decode(long));
  });

  it('forgets them all past 64 blocks: the first is read afresh after 65 others', () => {
    const decoder = new HeaderBlockDecoder();
    const block = (n: number): Buffer => Buffer.concat(Array.from({ length: n }, () => indexed(2)));
    const first = decoder.decode(block(1));
    expect(decoder.decode(block(1))).toBe(first);
    for (let n = 2; n <= 66; n++) decoder.decode(block(n));
    expect(decoder.decode(block(1))).not.toBe(first);
  });

  it('freezes the list of a repeated field (shared by every reader)', () => {
    const headers = new HeaderBlockDecoder().decode(Buffer.concat([indexed(2), indexed(2)]));
    expect(Object.isFrozen(headers[':method'])).toBe(true);
  });
});
