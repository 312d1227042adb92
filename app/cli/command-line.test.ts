import { describe, expect, it } from 'vitest';
import { parseCommand } from './command-line.js';

describe('parseCommand', () => {
  it("reads grpcurl's shapes", () => {
    expect(parseCommand(['h:1', 'list'], false)).toEqual({ kind: 'list', address: 'h:1' });
    expect(parseCommand(['h:1', 'list', 'a.S'], false)).toEqual({
      kind: 'list',
      address: 'h:1',
      service: 'a.S',
    });
    expect(parseCommand(['h:1', 'describe', 'a.M'], false)).toEqual({
      kind: 'describe',
      address: 'h:1',
      symbol: 'a.M',
    });
    expect(parseCommand(['h:1', 'a.S/M'], false)).toEqual({
      kind: 'invoke',
      address: 'h:1',
      method: 'a.S/M',
    });
    expect(parseCommand(['describe'], true)).toEqual({ kind: 'describe' });
    expect(parseCommand(['list', 'a.S'], true)).toEqual({ kind: 'list', service: 'a.S' });
  });

  it('says what is missing or extra', () => {
    expect(() => parseCommand([], false)).toThrow('too few arguments; see gwb --help');
    expect(() => parseCommand(['h:1'], false)).toThrow(/give list, describe or SERVICE\/METHOD/);
    expect(() => parseCommand(['list'], false)).toThrow(
      'list without an address needs -proto or -protoset (or give ADDRESS list)',
    );
    expect(() => parseCommand(['h:1', 'a.S/M', 'x'], false)).toThrow('too many arguments: x');
    expect(() => parseCommand(['h:1', 'list', 'a', 'b', 'c'], false)).toThrow(
      'too many arguments: b c',
    );
    expect(() => parseCommand(['list', 'a', 'b'], true)).toThrow('too many arguments: b');
  });
});
