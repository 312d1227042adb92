// A bare node:http2 server that speaks just enough gRPC to misbehave on purpose: tests use it to
// send what no well-behaved gRPC server would (bad status codes, garbage frames, RST_STREAM, GOAWAY).
import http2 from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';

export type RawHandler = (
  stream: http2.ServerHttp2Stream,
  session: http2.ServerHttp2Session,
) => void;

export interface RawH2Server {
  address: string;
  /** Destroys every TCP connection without any HTTP/2 goodbye, as a dead network would. */
  killConnections(): void;
  close(): Promise<void>;
}

/** One gRPC length-prefixed message (uncompressed). */
export function frame(message: Uint8Array): Buffer {
  const out = Buffer.alloc(5 + message.length);
  out.writeUInt32BE(message.length, 1);
  out.set(message, 5);
  return out;
}

export const OK_HEADERS = { ':status': 200, 'content-type': 'application/grpc' };

/** Starts the server; `handlers` maps a method path to what the server does with that call. */
export function startRawH2Server(handlers: Record<string, RawHandler>): Promise<RawH2Server> {
  const server = http2.createServer();
  const sessions = new Set<http2.ServerHttp2Session>();
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => undefined);
  });
  server.on('stream', (stream, headers) => {
    stream.on('error', () => undefined);
    const handler = handlers[String(headers[':path'])];
    if (!handler) {
      stream.respond(
        { ...OK_HEADERS, 'grpc-status': '12', 'grpc-message': 'no such raw handler' },
        { endStream: true },
      );
      return;
    }
    // Read the request fully so flow control never blocks the client's send.
    stream.on('data', () => undefined);
    handler(stream, stream.session as http2.ServerHttp2Session);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        address: `127.0.0.1:${port}`,
        killConnections: () => {
          for (const socket of sockets) socket.destroy();
        },
        close: () =>
          new Promise<void>((done) => {
            for (const session of sessions) session.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
