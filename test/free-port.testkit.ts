// A port number for a program that must be given one (a UI field, a config file, a command line)
// rather than 0, or for a target where nothing listens. A port the kernel picked for listen(0)
// and we let go is the kernel's to hand out again, to any process's listen(0) or outgoing
// connection, in the moment before the program binds it (or the test connects to it): on a
// machine busy with other tests that moment can be long. Ports below the kernel's ephemeral
// range are never handed out that way: only an explicit bind can take one.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Linux's default ephemeral range, for systems that do not say theirs. */
const DEFAULT_EPHEMERAL_LOW = 32768;
/** The lowest port picked: well above the well-known and commonly configured ones. */
const LOWEST = 10_000;
const TRIES = 100;

/** The first port of the range the kernel picks ports from by itself. */
function ephemeralLow(): number {
  try {
    const low = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0],
    );
    return Number.isInteger(low) && low > 0 ? low : DEFAULT_EPHEMERAL_LOW;
  } catch {
    return DEFAULT_EPHEMERAL_LOW;
  }
}

/** Listens on 127.0.0.1:`port` and lets go: 0 when the port is taken, else the port. */
function tryListen(port: number): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(0));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(bound));
    });
  });
}

/** A port on 127.0.0.1 that nobody listens on now, outside the kernel's ephemeral range. */
export async function freePort(): Promise<number> {
  const below = ephemeralLow();
  // A system whose ephemeral range starts low has no such ports to spare: the kernel's pick.
  if (below <= LOWEST + TRIES) return tryListen(0);
  for (let tries = 0; tries < TRIES; tries++) {
    const port = await tryListen(LOWEST + Math.floor(Math.random() * (below - LOWEST)));
    if (port !== 0) return port;
  }
  throw new Error(`no free port found in ${TRIES} tries between ${LOWEST} and ${below - 1}`);
}
