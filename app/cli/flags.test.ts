import { describe, expect, it } from 'vitest';
import { parseArgs } from './flags.js';
import { UsageError } from './usage-error.js';

// The parsing rules themselves are tested with the table (shared/grpcurl/parse-args.test.ts);
// here, what gwb adds: usage errors pointing at --help, and grpcurl flags gwb does not do.
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

  it('turns every flag error into a usage error naming the flag', () => {
    expect(() => parseArgs(['-nope'])).toThrow(
      new UsageError('flag provided but not defined: -nope (see gwb --help)'),
    );
    expect(() => parseArgs(['-d'])).toThrow(new UsageError('flag needs an argument: -d'));
    expect(() => parseArgs(['-max-time', 'soon'])).toThrow(UsageError);
    expect(() => parseArgs(['-plaintext', '-cert', 'c', '-key', 'k'])).toThrow(
      /^-plaintext cannot be combined with -cert, -key$/,
    );
  });

  it('refuses the grpcurl flags gwb does not do, by name', () => {
    expect(() => parseArgs(['-alts', 'h:1', 'list'])).toThrow(
      new UsageError('-alts is a grpcurl flag gwb does not support (see gwb --help)'),
    );
    expect(() => parseArgs(['-user-agent', 'me', 'h:1', 'list'])).toThrow(
      /-user-agent is a grpcurl/,
    );
  });
});
