import { describe, expect, it } from 'vitest';
import { parseSubcommandOptions } from './subcommand-options.js';

const SPEC = { port: 'number', host: 'string', open: 'bool', ignore: 'list' } as const;

describe('parseSubcommandOptions', () => {
  it('reads every kind, one dash or two, with or without =', () => {
    const { options, positional } = parseSubcommandOptions(
      'x',
      ['--port', '7', '-host=::1', '--open', 'file.ndjson', '--ignore', 'a', '--ignore=b'],
      SPEC,
    );
    expect(options).toEqual({ port: 7, host: '::1', open: true, ignore: ['a', 'b'] });
    expect(positional).toEqual(['file.ndjson']);
    expect(parseSubcommandOptions('x', ['--open=false'], SPEC).options.open).toBe(false);
  });

  it('names the command and the option in errors', () => {
    expect(() => parseSubcommandOptions('serve', ['--plaintext'], SPEC)).toThrow(
      'serve: unknown option -plaintext (it takes --port, --host, --open, --ignore)',
    );
    expect(() => parseSubcommandOptions('serve', ['--port'], SPEC)).toThrow(
      'serve: --port needs a value',
    );
    expect(() => parseSubcommandOptions('serve', ['--port', 'x'], SPEC)).toThrow(
      'serve: --port takes a number, not "x"',
    );
    expect(() => parseSubcommandOptions('serve', ['--open=maybe'], SPEC)).toThrow(
      'serve: --open is true or false, not "maybe"',
    );
    expect(() => parseSubcommandOptions('serve', ['--__proto__'], SPEC)).toThrow(/unknown option/);
  });
});
