import { describe, expect, it, vi } from 'vitest';

// gwb's help text is written when it is printed (`--help`, a flag error), not when main.ts loads:
// every command imports it, and building it as the module loaded cost every start (-version, a
// call) the flag table's sections and every subcommand's line.
const flagSections = vi.hoisted(() => vi.fn(() => 'FLAGS\n'));
vi.mock('./help-flags.js', () => ({ flagSections }));

describe('the help text', () => {
  it('is not written when gwb loads, only when asked for', async () => {
    const { helpText } = await import('./help.js');
    await import('./main.js');
    expect(flagSections).not.toHaveBeenCalled();
    expect(helpText()).toContain('FLAGS\n');
    expect(flagSections).toHaveBeenCalledTimes(1);
  });
});
