// Which of gwb's commands this process ran, for the code caches: run.ts exports this Set as the
// bundle's `served` (as deps.cjs does the packages it handed out). The launcher (launch.ts) keeps
// deps.cjs's cache per command by it, writes cli.cjs's cache for the command it guessed from the
// command line only when this says that command ran, and writes a cache again when a run used a
// command the runs behind it did not.

/** The commands run: `list`, `describe`, `invoke`, or a subcommand's name. */
export const served = new Set<string>();

export function noteCommand(name: string): void {
  served.add(name);
}
