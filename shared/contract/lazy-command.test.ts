import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands, COMMAND_NAMES } from './index.js';
import { command } from './lazy-command.js';

describe('command schemas are built when first read', () => {
  it('builds nothing when declared, then once, whichever schema is read first', () => {
    let builds = 0;
    const entry = command(() => {
      builds++;
      return { input: z.object({ a: z.string() }), output: z.number() };
    });
    expect(builds).toBe(0);
    expect(entry.output.parse(1)).toBe(1);
    expect(entry.input.parse({ a: 'x' })).toEqual({ a: 'x' });
    expect(entry.input).toBe(entry.input);
    expect(builds).toBe(1);
  });

  it('every command of the contract is declared lazily, its schemas intact', () => {
    // A command declared as a plain { input, output } builds its schemas whenever the contract is
    // loaded (gwb's one call would pay for it): declare it with command(() => ({ … })).
    const eager = COMMAND_NAMES.filter(
      (name) => Object.getOwnPropertyDescriptor(commands[name], 'input')?.get === undefined,
    );
    expect(eager).toEqual([]);
    for (const name of COMMAND_NAMES) {
      expect(commands[name].input).toBeInstanceOf(z.ZodType);
      expect(commands[name].output).toBeInstanceOf(z.ZodType);
    }
  });
});
