// A TCP relay that counts the bytes each way: what really crossed the wire, for tests of
// compression (a gzip request must be smaller on the wire than its message).
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface ByteRelay {
  /** `127.0.0.1:<port>`: dial this instead of the server. */
  address: string;
  /** Bytes from the client to the server so far. */
  upstream(): number;
  /** Bytes from the server to the client so far. */
  downstream(): number;
  close(): Promise<void>;
}

export async function startByteRelay(target: { host: string; port: number }): Promise<ByteRelay> {
  let up = 0;
  let down = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => (up += chunk.length));
    upstream.on('data', (chunk: Buffer) => (down += chunk.length));
    client.pipe(upstream).pipe(client);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    address: `127.0.0.1:${port}`,
    upstream: () => up,
    downstream: () => down,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Open connections would keep close() waiting.
        for (const socket of sockets) socket.destroy();
      }),
  };
}
