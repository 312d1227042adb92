import { describe, expect, it } from 'vitest';
import { parseArgs } from './flags.js';
import { CommandLineError } from './usage-error.js';

// The parsing rules themselves are tested with the table (shared/grpcurl/parse-args.test.ts);
// here, what gwb adds: command-line errors (exit 2) that say whether grpcurl would print its usage
// text after them, and grpcurl flags gwb does not do.
describe('parseArgs', () => {
  it("reads grpcurl's flags into the table's names", () => {
    const { flags, positional } = parseArgs([
      '-plaintext',
      '--d',
      '{"id":"1"}',
      '-H=a: 1',
      '-max-time=1.5',
      '-record',
      'call.ndjson',
      'localhost:50051',
      'example.UserService/GetUser',
    ]);
    expect(flags).toMatchObject({
      plaintext: true,
      d: '{"id":"1"}',
      H: ['a: 1'],
      'max-time': 1.5,
      record: 'call.ndjson',
    });
    expect(positional).toEqual(['localhost:50051', 'example.UserService/GetUser']);
  });

  /** The CommandLineError parseArgs throws for argv. */
  function refusal(argv: string[]): CommandLineError {
    try {
      parseArgs(argv);
    } catch (error) {
      if (error instanceof CommandLineError) return error;
      throw error;
    }
    throw new Error(`parseArgs accepted ${argv.join(' ')}`);
  }

  it("shows the usage text after what Go's flag package refuses, as grpcurl does", () => {
    for (const [argv, message] of [
      [['-nope'], 'flag provided but not defined: -nope'],
      [['-d'], 'flag needs an argument: -d'],
      [['-max-time', 'soon'], 'invalid value "soon" for flag -max-time'],
      [['-max-time', '0x10'], 'invalid value "0x10" for flag -max-time'],
      [['-plaintext=maybe'], 'invalid value "maybe" for flag -plaintext'],
    ] as const) {
      const error = refusal([...argv]);
      expect(error.message.startsWith(message), error.message).toBe(true);
      expect(error.showUsage, argv.join(' ')).toBe(true);
    }
  });

  it('gives one line for lines grpcurl checks itself (no usage text)', () => {
    for (const [argv, message] of [
      [
        ['-plaintext', '-cert', 'c', '-key', 'k'],
        /^-plaintext cannot be combined with -cert, -key$/,
      ],
      [['-plaintext', '-insecure'], /^-plaintext cannot be combined with -insecure$/],
      [['-proto', 'a', '-protoset', 'b'], /^-proto cannot be combined with -protoset$/],
      [['-max-time', '-1'], /^invalid value "-1" for flag -max-time/],
      [['-format', 'xml'], /^-format xml is not supported/],
    ] as const) {
      const error = refusal([...argv]);
      expect(error.message).toMatch(message);
      expect(error.showUsage, argv.join(' ')).toBe(false);
    }
  });

  it('refuses the grpcurl flags gwb does not do, by name', () => {
    expect(() => parseArgs(['-alts', 'h:1', 'list'])).toThrow(
      new CommandLineError('-alts is a grpcurl flag gwb does not support'),
    );
    expect(() => parseArgs(['-alts-handshaker-service', 'me', 'h:1', 'list'])).toThrow(
      /-alts-handshaker-service is a grpcurl/,
    );
  });
});
