// Waiting for a channel to connect as grpc-go's blocking dial with FailOnNonTempDialError does
// (grpcurl's): READY, or the first failure at once (refused, no such host, TLS handshake failed),
// or the timeout when the server never answers. grpc-js's waitForReady would keep retrying a
// refused connection until its deadline.
import * as grpc from '@grpc/grpc-js';

export type ConnectOutcome = 'ready' | 'failed' | 'timeout';

/** Connects the client's channel (if idle) and resolves with how the first attempt ended. */
export function awaitConnection(client: grpc.Client, timeoutMs: number): Promise<ConnectOutcome> {
  const channel = client.getChannel();
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const check = (): void => {
      let state: grpc.connectivityState;
      try {
        state = channel.getConnectivityState(true);
      } catch {
        return resolve('failed');
      }
      if (state === grpc.connectivityState.READY) return resolve('ready');
      if (
        state === grpc.connectivityState.TRANSIENT_FAILURE ||
        state === grpc.connectivityState.SHUTDOWN
      )
        return resolve('failed');
      channel.watchConnectivityState(state, deadline, (error) =>
        error ? resolve('timeout') : check(),
      );
    };
    check();
  });
}
