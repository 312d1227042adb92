// The stream-memory tests' common part: the bench service (bench/_bench-service.ts) to stream
// from, and a child process that runs gwb against it with a heap of its own (--expose-gc) and
// prints what it measured as `NAME value` lines.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll } from 'vitest';
import { benchServer, listen } from '../../bench/_bench-service.js';

const run = promisify(execFile);

/** Starts the bench server for the file's tests; returns its address once they run. */
export function useBenchServer(): () => string {
  let server: grpc.Server | undefined;
  let target = '';
  beforeAll(async () => {
    server = benchServer();
    target = `127.0.0.1:${await listen(server)}`;
  });
  afterAll(() => server?.forceShutdown());
  return () => target;
}

/**
 * Runs `child` (a .child.ts beside this file) under tsx with `--expose-gc` and `args`; returns
 * the value of each `NAME value` line it printed ('' for a name it did not print).
 */
export async function childReport(
  child: string,
  args: string[],
): Promise<(name: string) => string> {
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, child), ...args],
    { maxBuffer: 1 << 20 },
  );
  const lines = stdout.split('\n');
  return (name) => lines.find((l) => l.startsWith(`${name} `))?.slice(name.length + 1) ?? '';
}
