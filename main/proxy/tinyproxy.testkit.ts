// A real HTTP CONNECT proxy for tests: Debian's tinyproxy, started on a free loopback port with a
// temporary config, its log read back to see which CONNECTs it served. Missing tinyproxy fails the
// test with what to install; it is never skipped (.ci/run installs it).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../test/free-port.testkit.js';

const TINYPROXY = '/usr/bin/tinyproxy';
const START_TIMEOUT_MS = 10_000;

export interface TinyproxyOptions {
  /** Require basic authentication (tinyproxy `BasicAuth user password`). */
  basicAuth?: { user: string; password: string };
  /** Allow CONNECT to these ports only (tinyproxy `ConnectPort`); others are refused with 403. */
  connectPorts?: number[];
}

export interface Tinyproxy {
  port: number;
  /** `127.0.0.1:<port>` */
  address: string;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Everything tinyproxy logged so far. */
  log(): string;
  /** The `host:port` of every CONNECT request it received, in order. */
  connects(): string[];
  close(): Promise<void>;
}

export async function startTinyproxy(options: TinyproxyOptions = {}): Promise<Tinyproxy> {
  requireTinyproxy();
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'gwb-tinyproxy-'));
  const config = path.join(dir, 'tinyproxy.conf');
  writeFileSync(config, configText(port, options));
  const child = spawn(TINYPROXY, ['-d', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const append = (chunk: Buffer): void => {
    log += chunk.toString('utf8');
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitFor(
      () => /Starting main loop/.test(log),
      child,
      () => log,
    );
  } catch (error) {
    await stop(child, exited);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    address: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    log: () => log,
    connects: () =>
      [...log.matchAll(/Request \(file descriptor \d+\): CONNECT (\S+) HTTP/g)].map(
        (m) => m[1] ?? '',
      ),
    close: async () => {
      await stop(child, exited);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function requireTinyproxy(): void {
  const found = spawnSync(TINYPROXY, ['-v'], { encoding: 'utf8' });
  if (found.error || found.status !== 0)
    throw new Error(
      `tinyproxy is not installed at ${TINYPROXY}: the proxy tests need it (apt-get install tinyproxy; .ci/run installs it)`,
    );
}

function configText(port: number, options: TinyproxyOptions): string {
  const lines = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    'LogLevel Info',
    'MaxClients 50',
    'Allow 127.0.0.1',
  ];
  if (options.basicAuth)
    lines.push(`BasicAuth ${options.basicAuth.user} ${options.basicAuth.password}`);
  for (const allowed of options.connectPorts ?? []) lines.push(`ConnectPort ${allowed}`);
  return `${lines.join('\n')}\n`;
}

async function waitFor(
  ready: () => boolean,
  child: ChildProcess,
  log: () => string,
): Promise<void> {
  const started = Date.now();
  while (!ready()) {
    if (child.exitCode !== null)
      throw new Error(`tinyproxy exited with ${child.exitCode} before listening:\n${log()}`);
    if (Date.now() - started > START_TIMEOUT_MS)
      throw new Error(`tinyproxy did not start in ${START_TIMEOUT_MS} ms:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(killer);
}
