// The floor for bench:proxy: the least a node:http2 gRPC forwarder can do — one session to the
// target, each stream piped both ways, response headers and trailers passed on; no recording, no
// metadata reading, no fault handling. Whatever gwb proxy costs above this is its own; what this
// costs over a direct call is the extra loopback hop and Node's HTTP/2 on both sides of it.
import http2 from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';

/** Starts the forwarder on a free loopback port; resolves to the port. */
export async function startFloorProxy(target: string): Promise<number> {
  const upstream = http2.connect(`http://${target}`);
  upstream.once('connect', (_session: unknown, socket: Socket) => socket.setNoDelay(true));
  const server = http2.createServer();
  server.on('connection', (socket: Socket) => socket.setNoDelay(true));
  server.on('stream', (client, headers) => {
    const out: http2.OutgoingHttpHeaders = {};
    for (const [key, value] of Object.entries(headers))
      if (key !== ':authority' && key !== ':scheme') out[key] = value;
    const call = upstream.request(out);
    let trailers: http2.OutgoingHttpHeaders = {};
    client.pipe(call);
    call.on('response', (response, flags: number) => {
      if (flags & http2.constants.NGHTTP2_FLAG_END_STREAM) {
        client.respond(response, { endStream: true });
        return;
      }
      client.respond(response, { waitForTrailers: true });
      call.pipe(client);
    });
    call.on('trailers', (t: http2.IncomingHttpHeaders) => (trailers = t));
    client.on('wantTrailers', () => client.sendTrailers(trailers));
    call.on('error', () => client.close(http2.constants.NGHTTP2_INTERNAL_ERROR));
    client.on('error', () => call.close(http2.constants.NGHTTP2_CANCEL));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
