// Load runs go straight over grpc-js channels (worker-run.ts), not through the call plan's
// gRPC-Web/Connect transport: they speak gRPC only for now. A request set to another protocol is
// refused before anything is sent, so it is never load-tested over plain gRPC without a word.
import { CommandError } from '../../shared/contract/errors.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { protocolName } from '../../shared/request/protocol-kinds.js';

/** Throws, naming connection.protocol, when the request speaks anything but gRPC. */
export function refuseNonGrpcLoad(request: RequestDocument): void {
  const protocol = request.connection.protocol;
  if (!protocol || protocol.kind === 'grpc') return;
  throw new CommandError(
    'invalid_input',
    `load runs speak gRPC only for now: this request's connection.protocol is ${protocolName(protocol)}; set it to gRPC (-protocol grpc) to load-test it. Nothing was sent`,
    { field: 'connection.protocol' },
  );
}
