// Which of gwb's commands this process ran, for the code cache of dist/cli.cjs: run.ts exports
// this Set as the bundle's `served` (as deps.cjs does the packages it handed out), and the
// launcher (launch.ts) writes the cache again when a run used a command the runs behind the
// cache did not. Without it, a call's cache would stand for `list` too (the call loads every
// package list loads), and list's own code would be compiled on every start.

/** The commands run: `list`, `describe`, `invoke`, or a subcommand's name. */
export const served = new Set<string>();

export function noteCommand(name: string): void {
  served.add(name);
}
