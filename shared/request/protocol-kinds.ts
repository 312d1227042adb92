// What each protocol can carry, in words, zod-free: the engine refuses with them before sending
// (main/transports/protocol-rules.ts) and the connection settings show them (renderer/connection).
import type { Protocol } from './connection.js';
import type { CallKind } from '../schema/model.js';

const KIND_WORDS: Record<CallKind, string> = {
  unary: 'unary',
  server_stream: 'server-streaming',
  client_stream: 'client-streaming',
  bidi_stream: 'bidi-streaming',
};

/** The protocol's name as the user reads it. */
export function protocolName(protocol: Protocol): string {
  if (protocol.kind === 'grpc') return 'gRPC';
  const over = `HTTP/${protocol.httpVersion ?? '2'}`;
  if (protocol.kind === 'grpcweb')
    return `gRPC-Web${protocol.encoding === 'text' ? ' text' : ''} (${over})`;
  return `Connect ${protocol.codec === 'json' ? 'JSON' : 'binary'} (${over})`;
}

/** Why a call of this kind cannot go over the protocol, or undefined when it can. */
export function kindRefusal(protocol: Protocol, kind: CallKind): string | undefined {
  if (protocol.kind === 'grpcweb' && (kind === 'client_stream' || kind === 'bidi_stream'))
    return `gRPC-Web carries unary and server-streaming calls only; this ${KIND_WORDS[kind]} call needs gRPC or Connect`;
  if (protocol.kind === 'connect' && protocol.httpVersion === '1.1' && kind === 'bidi_stream')
    return 'Connect over HTTP/1.1 cannot carry a bidi-streaming call (HTTP/1.1 sends the whole request before reading the response); choose HTTP/2';
  return undefined;
}
