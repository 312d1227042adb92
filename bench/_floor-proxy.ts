// The floors for bench:proxy: the least any proxy can do — a plain TCP pipe, each client
// connection's bytes passed untouched to a target connection of its own and back (Nagle off on
// both). No HTTP/2, no recording. It used to be a minimal node:http2 forwarder, but ending HTTP/2
// on both sides costs more than the targets allow by itself (that floor alone was ~0.5× direct for
// unary calls on this machine); gwb proxy now passes plaintext connections through the same way
// and reads a copy, so what it costs above this pipe is its reading and recording. What the pipe
// costs over a direct call is the extra loopback hop and one more process's event loop; the native
// floor (socat, a C program with no event loop of Node's) tells how much of that is the hop itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';

/** Host and port of `HOST:PORT`. */
function hostPort(target: string): { host: string; port: number } {
  const colon = target.lastIndexOf(':');
  return { host: target.slice(0, colon), port: Number(target.slice(colon + 1)) };
}

/** Starts the Node pipe on a free loopback port; resolves to the port. */
export async function startFloorProxy(target: string): Promise<number> {
  const { host, port } = hostPort(target);
  const server = net.createServer((client) => {
    const upstream = net.connect(port, host);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Where the native floor's program is looked for (Debian's package puts it here). */
export const SOCAT = '/usr/bin/socat';

/** A loopback port free a moment ago (socat cannot say which port 0 gave it). */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Resolves once something accepts connections on `port` (socat has no "listening" line). */
async function accepting(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`socat exited with ${child.exitCode}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(true));
      socket.once('error', () => resolve(false));
      socket.once('close', () => socket.destroy());
      socket.once('connect', () => socket.end());
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The native floor: socat piping each connection to the target (a process forked per connection,
 * Nagle off on both sides, 64 KiB reads like Node's), or undefined where socat is not installed.
 */
export async function startSocatFloor(
  target: string,
): Promise<{ port: number; child: ChildProcess } | undefined> {
  if (!existsSync(SOCAT)) return undefined;
  const { host, port: targetPort } = hostPort(target);
  const port = await freePort();
  const child = spawn(
    SOCAT,
    [
      '-b65536',
      `TCP-LISTEN:${port},bind=127.0.0.1,fork,reuseaddr,nodelay`,
      `TCP:${host}:${targetPort},nodelay`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  await accepting(port, child);
  return { port, child };
}
