// Server reflection over the connection's protocol (issue 16 §1). Reflection is one bidi stream
// (ServerReflectionInfo): Connect over HTTP/2 carries it, through the same connect-node transport
// and WireCall as a call; gRPC-Web and Connect over HTTP/1.1 cannot carry a bidi stream, so the
// load is refused in words rather than silently done over gRPC to the same address. Reflection's
// own code (main/reflection) drives a grpc-js Client either way: for Connect it is given a channel
// whose calls are connect-node's.
import * as grpc from '@grpc/grpc-js';
import { createRegistry } from '@bufbuild/protobuf';
import type { Protocol } from '../../shared/request/connection.js';
import type { WireCall } from '../calls/call-types.js';
import type { ChannelConfig } from '../channels/index.js';
import { ReflectionError, reflectionTypes, type ReflectionVersion } from '../reflection/index.js';
import { connectCallTransport } from './connect-call.js';
import { protocolName, settingRefusal } from './protocol-rules.js';
import { protocolTransport } from './protocol-transport.js';
import { messageBridge } from './raw-message.js';

/** Why reflection cannot go over the protocol, in the user's words; undefined when it can. */
export function reflectionRefusal(protocol: Protocol | undefined): string | undefined {
  if (!protocol || protocol.kind === 'grpc') return undefined;
  if (protocol.kind === 'grpcweb')
    return 'reflection needs a bidi stream, which gRPC-Web cannot carry: load .proto files or a descriptor set, or use gRPC/Connect over HTTP/2';
  if (protocol.httpVersion === '1.1')
    return 'reflection needs a bidi stream, which Connect over HTTP/1.1 cannot carry: load .proto files or a descriptor set, or use gRPC/Connect over HTTP/2';
  return undefined;
}

/**
 * The client reflection runs on: `grpcClient()` (the pool's channel) for gRPC, one over connect-node
 * for Connect on HTTP/2; throws a ReflectionError saying why for a protocol that cannot carry it.
 */
export function reflectionClientFor(
  protocol: Protocol | undefined,
  config: ChannelConfig,
  grpcClient: () => grpc.Client,
  unix = false,
): grpc.Client {
  if (!protocol || protocol.kind === 'grpc') return grpcClient();
  const refusal = reflectionRefusal(protocol);
  if (refusal) throw new ReflectionError('unavailable', refusal);
  const bySetting = settingRefusal(protocol, config, unix);
  if (bySetting) throw new ReflectionError('unavailable', `${bySetting.field}: ${bySetting.why}`);
  return new grpc.Client(config.target, grpc.credentials.createInsecure(), {
    channelOverride: connectChannel(protocol, config),
  });
}

/** A grpc-js channel whose calls go over connect-node's transport; it carries reflection only. */
function connectChannel(
  protocol: Exclude<Protocol, { kind: 'grpc' }>,
  config: ChannelConfig,
): grpc.Channel {
  // In the connection's own codec: a Connect server may offer JSON only.
  const binary = protocol.kind !== 'connect' || protocol.codec !== 'json';
  const versions: ReflectionVersion[] = ['v1', 'v1alpha'];
  const byPath = new Map(
    versions.map((v) => {
      const types = reflectionTypes(v);
      return [types.methodPath, types] as const;
    }),
  );
  // Reflection's messages hold no Any: JSON needs no types beyond their own.
  const transport = protocolTransport(config, protocol, createRegistry());
  const name = protocolName(protocol);
  const channel = {
    getTarget: () => config.target,
    close: () => undefined,
    getConnectivityState: () => grpc.connectivityState.READY,
    watchConnectivityState: () => undefined,
    getChannelzRef: () => undefined,
    createCall(path: string, deadline: grpc.Deadline): WireCall {
      const types = byPath.get(path);
      if (!types)
        throw new Error(`${name}: only server reflection goes over this channel, not ${path}`);
      const call = connectCallTransport(
        transport,
        messageBridge(types.method, binary),
        'bidi_stream',
        name,
      ).createCall(path, deadline instanceof Date ? deadline.getTime() : deadline);
      return Object.assign(call, {
        getPeer: () => config.target,
        getCallNumber: () => 0,
        setCredentials: () => undefined,
        getAuthContext: () => null,
      });
    },
  };
  return channel as unknown as grpc.Channel;
}
