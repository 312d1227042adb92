import * as grpc from '@grpc/grpc-js';

/**
 * Rejects every call (health checks aside) whose `authorization` header is not `expected`, with
 * UNAUTHENTICATED. Lets clients test their auth headers on reflection and on RPCs separately.
 */
export function requireAuthorization(expected: string): grpc.ServerInterceptor {
  return (method, call) =>
    new grpc.ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (metadata, passOn) => {
            const given = metadata.get('authorization')[0];
            if (given === expected || method.path.startsWith('/grpc.health.v1.Health/')) {
              passOn(metadata);
              return;
            }
            call.sendStatus({
              code: grpc.status.UNAUTHENTICATED,
              details:
                given === undefined ? 'missing authorization header' : 'wrong authorization header',
              metadata: new grpc.Metadata(),
            });
          },
        }),
    });
}
