import { describe, expect, it } from 'vitest';
import { GrpcurlError, GrpcurlFlagError } from './errors.js';
import { GRPCURL_FLAGS } from './flag-table.js';
import { parseGrpcurlArgs } from './parse-args.js';

describe('parseGrpcurlArgs (Go flag package rules)', () => {
  it('takes one dash or two, -flag value and -flag=value', () => {
    const { flags, positional, given } = parseGrpcurlArgs([
      '-plaintext',
      '--d',
      '{"id":"1"}',
      '-H=a: 1',
      '--H',
      'b: 2',
      '-max-time=1.5',
      'localhost:50051',
      'example.UserService/GetUser',
    ]);
    expect(flags.plaintext).toBe(true);
    expect(flags.d).toBe('{"id":"1"}');
    expect(flags.H).toEqual(['a: 1', 'b: 2']);
    expect(flags['max-time']).toBe(1.5);
    expect(positional).toEqual(['localhost:50051', 'example.UserService/GetUser']);
    expect(given).toEqual(['plaintext', 'd', 'H', 'max-time']);
  });

  it('collects every repeatable flag in order', () => {
    const { flags } = parseGrpcurlArgs([
      '-proto',
      'a.proto',
      '-proto',
      'b.proto',
      '-import-path',
      'x',
      '-import-path=y',
      '-rpc-header',
      'r: 1',
      '-reflect-header',
      'f: 2',
    ]);
    expect(flags.proto).toEqual(['a.proto', 'b.proto']);
    expect(flags['import-path']).toEqual(['x', 'y']);
    expect(flags['rpc-header']).toEqual(['r: 1']);
    expect(flags['reflect-header']).toEqual(['f: 2']);
    expect(parseGrpcurlArgs(['-protoset', 'a.pb', '-protoset=b.pb']).flags.protoset).toEqual([
      'a.pb',
      'b.pb',
    ]);
  });

  it('reads boolean values as Go does, and leaves -use-reflection unset unless given', () => {
    expect(parseGrpcurlArgs([]).flags['use-reflection']).toBeUndefined();
    expect(parseGrpcurlArgs(['-use-reflection']).flags['use-reflection']).toBe(true);
    expect(parseGrpcurlArgs(['-unix=false']).flags.unix).toBe(false);
    expect(parseGrpcurlArgs(['-unix=T', '-insecure=1']).flags).toMatchObject({
      unix: true,
      insecure: true,
    });
    // A bool flag never takes the next word: `-unix -plaintext` is two flags.
    const { flags, positional } = parseGrpcurlArgs(['-unix', '-plaintext', 'true']);
    expect([flags.unix, flags.plaintext, positional]).toEqual([true, true, ['true']]);
    expect(parseGrpcurlArgs(['-h']).flags.help).toBe(true);
  });

  it('accepts flags after positional arguments and keeps "-" and what follows "--" positional', () => {
    const { flags, positional } = parseGrpcurlArgs(['host:1', 'list', '-plaintext', '--', '-odd']);
    expect(flags.plaintext).toBe(true);
    expect(positional).toEqual(['host:1', 'list', '-odd']);
    expect(parseGrpcurlArgs(['-', 'x']).positional).toEqual(['-', 'x']);
  });

  it('accepts -format json and text only', () => {
    expect(parseGrpcurlArgs(['-format', 'json']).flags.format).toBe('json');
    expect(parseGrpcurlArgs(['-format=text']).flags.format).toBe('text');
    expect(() => parseGrpcurlArgs(['-format=xml'])).toThrow(/only -format json or text/);
  });

  it('knows the grpcurl flags gwb does not do, so their values are not read as words', () => {
    const { flags, positional } = parseGrpcurlArgs([
      '-user-agent',
      'me/1',
      '-alts-target-service-account',
      'a@b',
      '-protoset-out',
      'o.pb',
      'h:1',
      'list',
    ]);
    expect(flags['user-agent']).toBe('me/1');
    expect(positional).toEqual(['h:1', 'list']);
  });

  it('rejects unknown flags, missing values and bad numbers, naming the flag and word', () => {
    const error = (argv: string[]): GrpcurlError => {
      try {
        parseGrpcurlArgs(argv);
      } catch (e) {
        return e as GrpcurlError;
      }
      throw new Error(`${argv.join(' ')} was accepted`);
    };
    expect(error(['-nope'])).toMatchObject({
      message: 'flag provided but not defined: -nope',
      flag: 'nope',
      word: '-nope',
    });
    expect(error(['-d']).message).toBe('flag needs an argument: -d');
    expect(error(['-max-time', 'soon'])).toMatchObject({
      message:
        'invalid value "soon" for flag -max-time: expected a number of seconds from 0 to 31536000',
      flag: 'max-time',
      word: 'soon',
    });
    expect(error(['-max-msg-sz', '1.5']).message).toMatch(/-max-msg-sz: expected an integer/);
    expect(error(['-connect-timeout', '-1']).message).toMatch(
      /-connect-timeout: expected a number/,
    );
    expect(error(['-connect-timeout', '7200']).message).toMatch(/from 0 to 3600$/);
    expect(error(['-plaintext=maybe']).message).toMatch(/-plaintext: expected true or false/);
  });

  it("tells what Go's flag package refuses (grpcurl then prints its usage) from its own checks", () => {
    const kind = (argv: string[]): string => {
      try {
        parseGrpcurlArgs(argv);
      } catch (e) {
        return e instanceof GrpcurlFlagError ? 'flag' : e instanceof GrpcurlError ? 'check' : '?';
      }
      return 'accepted';
    };
    // Go's strconv: decimal only, exponents allowed; hex and units are not numbers.
    for (const word of ['soon', '0x10', '1.5s', '', ' 1']) {
      expect(kind(['-max-time', word]), word).toBe('flag');
    }
    expect(kind(['-max-msg-sz', '1.5'])).toBe('flag');
    expect(kind(['-nope'])).toBe('flag');
    expect(kind(['-H'])).toBe('flag');
    for (const word of ['1e3', '.5', '+2', '0'])
      expect(kind(['-max-time', word]), word).toBe('accepted');
    // A number out of range is grpcurl's own check ("must not be negative"): no usage text.
    expect(kind(['-max-time', '-1'])).toBe('check');
    expect(kind(['-connect-timeout', '7200'])).toBe('check');
    expect(kind(['-plaintext', '-insecure'])).toBe('check');
  });

  it('checks the combinations the table forbids once the whole line is read', () => {
    expect(() =>
      parseGrpcurlArgs(['-plaintext', 'h:1', 'list', '-insecure', '-cacert', 'c']),
    ).toThrow('-plaintext cannot be combined with -insecure, -cacert');
    expect(() => parseGrpcurlArgs(['-key', 'k'])).toThrow(
      '-cert and -key must be given together (mutual TLS needs both)',
    );
    expect(() => parseGrpcurlArgs(['-proto', 'a', '-protoset', 'b'])).toThrow(
      '-proto cannot be combined with -protoset',
    );
    expect(() => parseGrpcurlArgs(['-use-reflection=false', 'h:1', 'list'])).toThrow(
      /needs -proto or -protoset/,
    );
    // Help is help, whatever else is on the line.
    expect(parseGrpcurlArgs(['-plaintext', '-insecure', '-help']).flags.help).toBe(true);
  });

  it('has help for every flag and a mapping for every flag that is part of the request', () => {
    for (const [name, def] of Object.entries(GRPCURL_FLAGS)) {
      expect(def.help, name).not.toBe('');
      expect(def.role === 'request', name).toBe(def.request !== undefined);
    }
  });
});
