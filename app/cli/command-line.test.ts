import { describe, expect, it } from 'vitest';
import { checkAddressHasPort, parseCommand } from './command-line.js';
import { CommandLineError } from './usage-error.js';

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
    expect(parseCommand([':50051', 'list'], false)).toEqual({
      kind: 'list',
      address: 'localhost:50051',
    });
    expect(parseCommand(['describe'], true)).toEqual({ kind: 'describe' });
    expect(parseCommand(['list', 'a.S'], true)).toEqual({ kind: 'list', service: 'a.S' });
  });

  it('says what is missing or extra', () => {
    expect(() => parseCommand([], false)).toThrow(new CommandLineError('too few arguments'));
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

  it('wants a port in a host address, as grpcurl (Go) dials it', () => {
    for (const ok of ['h:1', '127.0.0.1:50051', '[::1]:50051', 'unix:/tmp/s', 'dns:h:1']) {
      expect(() => checkAddressHasPort(ok, false), ok).not.toThrow();
    }
    expect(() => checkAddressHasPort('/tmp/socket', true)).not.toThrow();
    for (const bad of ['localhost', '[::1]', 'example.com']) {
      expect(() => checkAddressHasPort(bad, false), bad).toThrow(
        `failed to connect to ${bad}: missing port in address`,
      );
    }
    expect(() => checkAddressHasPort('::1', false)).toThrow(
      'failed to connect to ::1: too many colons in address (write an IPv6 address as [host]:port)',
    );
    expect(() => checkAddressHasPort('[::1]', false)).toThrow('(give [host]:port, e.g. [::1]:443)');
  });
});
