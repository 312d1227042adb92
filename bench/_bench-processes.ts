// Starting the benchmarks' helper processes: the bundled copy beside the running bench
// (dist/bench/*.cjs after `npm run build`), or the TypeScript source through tsx.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

/** utime, stime, cutime, cstime (clock ticks) and the parent of a process, from /proc/PID/stat. */
function procStat(pid: number): { ppid: number; user: number; system: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Fields from the 3rd (state) on: the command's name (2nd) may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // proc(5): ppid is field 4, utime, stime, cutime, cstime fields 14..17.
    const at = (field: number): number => Number(fields[field - 3]);
    return { ppid: at(4), user: at(14) + at(16), system: at(15) + at(17) };
  } catch {
    return undefined; // gone meanwhile
  }
}

/**
 * CPU time (user + kernel, ms) of a process and every live child of it, with its reaped
 * children's: for a program that is not Node (socat forks a process per connection), where a
 * forked child cannot be asked. Linux /proc only, in ticks of 10 ms; undefined elsewhere.
 */
export function processTreeCpuMs(pid: number): { user: number; system: number } | undefined {
  const root = procStat(pid);
  if (root === undefined) return undefined;
  const sum = { user: root.user, system: root.system };
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name));
    if (stat?.ppid !== pid) continue;
    sum.user += stat.user;
    sum.system += stat.system;
  }
  return { user: sum.user * 10, system: sum.system * 10 };
}
