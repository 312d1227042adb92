import { Readable } from 'node:stream';
import type { CliIo } from './io.js';
import { main } from './main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs gwb in-process with captured output; `stdin` feeds -d @. */
export async function gwb(
  args: string[],
  opts: {
    stdin?: string;
    /** A live stdin, for input that arrives while the call runs. */
    stdinStream?: AsyncIterable<string | Uint8Array>;
    signal?: AbortSignal;
    onStdout?: (chunk: string) => void;
  } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: {
      write: (chunk: string) => {
        stdout += chunk;
        opts.onStdout?.(chunk);
      },
    },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    stdin: opts.stdinStream ?? Readable.from(opts.stdin === undefined ? [] : [opts.stdin]),
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Splits gwb's stdout (pretty JSON messages one after another) into the messages. */
export function jsonMessages(stdout: string): unknown[] {
  return stdout
    .split(/\n(?=\{)/)
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => JSON.parse(chunk) as unknown);
}
