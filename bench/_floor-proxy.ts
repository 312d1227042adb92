// The floor for bench:proxy: the least any proxy can do — a plain TCP pipe, each client
// connection's bytes passed untouched to a target connection of its own and back (Nagle off on
// both). No HTTP/2, no recording. It used to be a minimal node:http2 forwarder, but ending HTTP/2
// on both sides costs more than the targets allow by itself (that floor alone was ~0.5× direct for
// unary calls on this machine); gwb proxy now passes plaintext connections through the same way
// and reads a copy, so what it costs above this pipe is its reading and recording. What the pipe
// costs over a direct call is the extra loopback hop and one more process's event loop.
import net, { type AddressInfo } from 'node:net';

/** Starts the pipe on a free loopback port; resolves to the port. */
export async function startFloorProxy(target: string): Promise<number> {
  const colon = target.lastIndexOf(':');
  const host = target.slice(0, colon);
  const port = Number(target.slice(colon + 1));
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
