// gRPC-Web and Connect beside gRPC (issue 16 §1): a call's connection names its protocol, and a
// call on any but gRPC goes through a connect-node transport behind the session's WireCall seam
// (main/calls/call-types.ts), so the one session logs the same events on every protocol.
import { toJsonString, type Registry } from '@bufbuild/protobuf';
import { CommandError } from '../../shared/contract/errors.js';
import type { Protocol } from '../../shared/request/connection.js';
import type { MethodInfo } from '../../shared/schema/model.js';
import type { CallTransport } from '../calls/call-types.js';
import type { ChannelConfig } from '../channels/index.js';
import { proxyRouteOf } from '../channels/proxy-options.js';
import { descMethodOf } from '../schema/desc-method.js';
import { connectCallTransport } from './connect-call.js';
import { protocolName, refuseUnsupported } from './protocol-rules.js';
import { protocolTransport } from './protocol-transport.js';
import { messageBridge } from './raw-message.js';
import { SentCompression } from './sent-compression.js';

export { kindRefusal, protocolName, settingRefusal } from './protocol-rules.js';
export { closeProtocolConnections } from './protocol-transport.js';
export { reflectionClientFor, reflectionRefusal } from './reflection-client.js';

/**
 * The transport of a call whose connection speaks gRPC-Web or Connect; undefined for gRPC (the
 * session uses the channel). Throws, saying why, when the call cannot go over the protocol.
 */
export function callTransportFor(
  registry: Registry,
  method: MethodInfo,
  config: ChannelConfig,
  protocol: Protocol | undefined,
  unix: boolean,
): CallTransport | undefined {
  if (!protocol || protocol.kind === 'grpc') return undefined;
  refuseUnsupported(protocol, method.kind, config, unix);
  const desc = descMethodOf(registry, method.path);
  if (!desc)
    throw new CommandError(
      'not_found',
      `request.method: ${method.path} is not in the schema's registry`,
      {
        field: 'request.method',
      },
    );
  const binary = protocol.kind === 'grpcweb' || protocol.codec !== 'json';
  const bridge = messageBridge(desc, binary);
  // What goes on the wire for a message, compressed once (sent-compression.ts).
  const gzip =
    config.compression === 'gzip'
      ? new SentCompression((bytes) =>
          binary
            ? bytes
            : new TextEncoder().encode(
                toJsonString(desc.input, bridge.toMessage(bytes), { registry }),
              ),
        )
      : undefined;
  const transport = connectCallTransport(
    protocolTransport(config, protocol, registry, gzip),
    bridge,
    method.kind,
    protocolName(protocol),
    proxyRouteOf(config),
  );
  return gzip ? { ...transport, sentWireSize: (bytes) => gzip.measure(bytes) } : transport;
}
