// A TCP pipe in front of a local server that counts the reads it makes from client sockets: each
// socket write of a client reaches it as at least one read, so few reads mean batched writes.
import net from 'node:net';

export interface CountingPipe {
  /** host:port to dial instead of the server. */
  address: string;
  /** Reads made from client sockets so far (tests reset it between measures). */
  clientReads: number;
  close(): void;
}

export async function startCountingPipe(serverPort: number): Promise<CountingPipe> {
  const server = net.createServer((from) => {
    const to = net.connect(serverPort, '127.0.0.1');
    from.on('data', (chunk) => {
      pipe.clientReads++;
      to.write(chunk);
    });
    to.pipe(from);
    from.on('close', () => to.destroy());
    to.on('close', () => from.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const pipe: CountingPipe = {
    address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    clientReads: 0,
    close: () => server.close(),
  };
  return pipe;
}
