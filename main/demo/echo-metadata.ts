import * as grpc from '@grpc/grpc-js';

const ECHO_PREFIX = 'x-echo-';

/** The request's `x-echo-*` entries, which the demo sends back as headers and as trailers. */
export function echoedMetadata(request: grpc.Metadata): grpc.Metadata {
  const echoed = new grpc.Metadata();
  for (const key of Object.keys(request.getMap())) {
    if (!key.startsWith(ECHO_PREFIX)) continue;
    // getMap keeps only the first value of each key; get() returns all of them.
    for (const value of request.get(key)) echoed.add(key, value);
  }
  return echoed;
}

/** Sends the echo headers (if any) ahead of the first message. */
export function sendEchoHeaders(call: {
  metadata: grpc.Metadata;
  sendMetadata(md: grpc.Metadata): void;
}): grpc.Metadata {
  const echoed = echoedMetadata(call.metadata);
  if (Object.keys(echoed.getMap()).length > 0) call.sendMetadata(echoed);
  return echoed;
}

export function withTrailers(
  error: Partial<grpc.StatusObject>,
  trailers: grpc.Metadata,
): Partial<grpc.StatusObject> {
  const metadata = error.metadata ?? new grpc.Metadata();
  metadata.merge(trailers);
  return { ...error, metadata };
}
