// Starting the benchmarks' helper processes: the bundled copy beside the running bench
// (dist/bench/*.cjs after `npm run build`), or the TypeScript source through tsx.
import { existsSync } from 'node:fs';
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** Forks `bench/NAME.ts` (or its bundle) with stdout piped; extra node flags from `nodeArgs`. */
export function forkBenchScript(
  name: string,
  args: string[] = [],
  nodeArgs: string[] = [],
): ChildProcess {
  const bundled = join(import.meta.dirname, `${name}.cjs`);
  const stdio: ['ignore', 'pipe', 'inherit', 'ipc'] = ['ignore', 'pipe', 'inherit', 'ipc'];
  return existsSync(bundled)
    ? fork(bundled, args, { execArgv: nodeArgs, stdio })
    : fork(join(process.cwd(), 'bench', `${name}.ts`), args, {
        execArgv: ['--import', 'tsx', ...nodeArgs],
        stdio,
      });
}

/** The first stdout line of a child that starts with `PREFIX `, without the prefix. */
export function childLine(child: ChildProcess, prefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (b: Buffer) => {
      text += b.toString();
      const line = text.split('\n').find((l) => l.startsWith(`${prefix} `));
      if (line) resolve(line.slice(prefix.length + 1).trim());
    });
    child.once('exit', (code) =>
      reject(new Error(`bench process exited with ${code} before printing ${prefix}`)),
    );
  });
}

/** The fixed bench server (bench/server.ts) in a process of its own. */
export async function forkBenchServer(): Promise<{ target: string; child: ChildProcess }> {
  const child = forkBenchScript('server');
  const port = Number(await childLine(child, 'PORT'));
  return { target: `127.0.0.1:${port}`, child };
}

/**
 * Sends `question` to a forked child and resolves with the first answer `pick` accepts; with
 * undefined after `limitMs` (an answer that never comes must not hang the bench).
 */
export function askChild<Q, A, T>(
  child: ChildProcess,
  question: Q,
  pick: (answer: A) => T | undefined,
  limitMs = Infinity,
): Promise<T | undefined> {
  return new Promise((resolve) => {
    const done = (value: T | undefined): void => {
      clearTimeout(timer);
      child.off('message', listen);
      resolve(value);
    };
    const listen = (answer: A): void => {
      const picked = pick(answer);
      if (picked !== undefined) done(picked);
    };
    const timer = Number.isFinite(limitMs) ? setTimeout(() => done(undefined), limitMs) : undefined;
    child.on('message', listen);
    child.send(question as object);
  });
}
