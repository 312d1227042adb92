import type * as grpc from '@grpc/grpc-js';

/**
 * Stops a grpc-js server: in-flight calls get `graceMs` to finish, then are cut. Endless streams
 * (a Tail with lines 0, a mocked stream) would otherwise keep a graceful shutdown waiting forever.
 */
export function shutdownServer(server: grpc.Server, graceMs = 250): Promise<void> {
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(force);
      resolve();
    });
  });
}
