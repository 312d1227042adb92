import { describe, expect, it } from 'vitest';
import { helpText } from './help.js';
import { findSubcommand, SUBCOMMAND_ENTRIES } from './subcommands.js';

describe('the lazy subcommand registry', () => {
  it.each(SUBCOMMAND_ENTRIES.map((entry) => [entry.name, entry] as const))(
    '%s: the registry says what the loaded module says',
    async (_name, entry) => {
      const loaded = await entry.load();
      expect({ name: entry.name, usage: entry.usage, summary: entry.summary }).toEqual({
        name: loaded.name,
        usage: loaded.usage,
        summary: loaded.summary,
      });
    },
  );

  it('--help lists every command from the registry, no module loaded for it', () => {
    for (const entry of SUBCOMMAND_ENTRIES) expect(helpText()).toContain(`gwb ${entry.usage}\n`);
  });

  it('finds a command by its name only', () => {
    expect(findSubcommand('demo-server')?.usage).toBe(
      SUBCOMMAND_ENTRIES.find((e) => e.name === 'demo-server')?.usage,
    );
    expect(findSubcommand('list')).toBeUndefined();
    expect(findSubcommand(undefined)).toBeUndefined();
  });
});
