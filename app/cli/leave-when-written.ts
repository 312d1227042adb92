// How a one-shot gwb command ends. Once `list`, `describe` or a call has answered, everything it
// started is over: the call's stream and channel are closed, a -record file is finished, the
// engine and its temporary folder are gone (each awaited before main() returns). Letting Node
// end the process by itself then costs a teardown of the whole heap the command built (every
// module, schema and descriptor: ~7 ms of CPU for `gwb list`, measured with perf), and any handle
// left open by a library would keep the user waiting. So such a command leaves as soon as what
// it printed is written. Other commands (serve, proxy, load, run, …) end the usual way.

/** The commands that leave at once when they have answered (code-used.ts's names). */
const ONE_SHOT = new Set(['list', 'describe', 'invoke']);

export interface Leaving {
  /** The stream of each output gwb wrote to. */
  streams: readonly NodeJS.WritableStream[];
  exit(code: number): void;
}

export function isOneShot(commands: ReadonlySet<string>): boolean {
  return commands.size > 0 && [...commands].every((name) => ONE_SHOT.has(name));
}

/**
 * Calls `exit(code)` once every stream has written what it holds (at once on Linux, where Node
 * writes stdout and stderr synchronously; after 'drain' where it does not). A stream that never
 * drains (its reader went away) leaves the process to end the usual way.
 */
export function leaveWhenWritten(code: number, { streams, exit }: Leaving): void {
  const pending = streams.filter((s) => (s as { writableLength?: number }).writableLength);
  let left = pending.length;
  if (left === 0) return exit(code);
  for (const stream of pending) {
    stream.once('drain', () => {
      if (--left === 0) exit(code);
    });
  }
}
