import { describe, expect, it } from 'vitest';
import { parseArgs } from './flags.js';
import { UsageError } from './usage-error.js';

describe('parseArgs', () => {
  it('takes one dash or two, -flag value and -flag=value', () => {
    const { flags, positional } = parseArgs([
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
    expect(flags.data).toBe('{"id":"1"}');
    expect(flags.headers).toEqual(['a: 1', 'b: 2']);
    expect(flags.maxTimeSec).toBe(1.5);
    expect(positional).toEqual(['localhost:50051', 'example.UserService/GetUser']);
  });

  it('collects every repeatable flag in order', () => {
    const { flags } = parseArgs([
      '-proto',
      'a.proto',
      '-proto',
      'b.proto',
      '-import-path',
      'x',
      '-import-path=y',
      '-protoset',
      's.pb',
      '-rpc-header',
      'r: 1',
      '-reflect-header',
      'f: 2',
    ]);
    expect(flags.protos).toEqual(['a.proto', 'b.proto']);
    expect(flags.importPaths).toEqual(['x', 'y']);
    expect(flags.protosets).toEqual(['s.pb']);
    expect(flags.rpcHeaders).toEqual(['r: 1']);
    expect(flags.reflectHeaders).toEqual(['f: 2']);
  });

  it('reads boolean values and leaves use-reflection unset unless given', () => {
    expect(parseArgs([]).flags.useReflection).toBeUndefined();
    expect(parseArgs(['-use-reflection=false']).flags.useReflection).toBe(false);
    expect(parseArgs(['-use-reflection']).flags.useReflection).toBe(true);
    const { flags } = parseArgs([
      '-v',
      '-emit-defaults',
      '-allow-unknown-fields',
      '-format-error',
      '-msg-template',
      '-insecure',
    ]);
    expect([
      flags.verbose,
      flags.emitDefaults,
      flags.allowUnknownFields,
      flags.formatError,
      flags.msgTemplate,
      flags.insecure,
    ]).toEqual([true, true, true, true, true, true]);
  });

  it('accepts flags after positional arguments and keeps "-" and what follows "--" positional', () => {
    const { flags, positional } = parseArgs(['host:1', 'list', '-plaintext', '--', '-odd']);
    expect(flags.plaintext).toBe(true);
    expect(positional).toEqual(['host:1', 'list', '-odd']);
  });

  it('accepts -format json and refuses other formats', () => {
    expect(() => parseArgs(['-format', 'json'])).not.toThrow();
    expect(() => parseArgs(['-format=text'])).toThrow(/only -format json/);
  });

  it('rejects unknown flags, missing values and bad numbers with the flag name', () => {
    expect(() => parseArgs(['-nope'])).toThrow(
      new UsageError('flag provided but not defined: -nope (see gwb --help)'),
    );
    expect(() => parseArgs(['-d'])).toThrow('flag needs an argument: -d');
    expect(() => parseArgs(['-max-time', 'soon'])).toThrow(
      /invalid value "soon" for flag -max-time/,
    );
    expect(() => parseArgs(['-max-msg-sz', '1.5'])).toThrow(/-max-msg-sz: expected an integer/);
    expect(() => parseArgs(['-plaintext=maybe'])).toThrow(/-plaintext: expected true or false/);
  });
});
