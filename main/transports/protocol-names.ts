// The protocol a started event names ("Connect JSON (HTTP/2)", protocolName's words) back as the
// connection's setting: a recording keeps its call's started event, so a replay can go over the
// protocol the call was recorded with. Every setting is enumerated and named by protocolName
// itself, so the two can never disagree.
import type { Protocol } from '../../shared/request/connection.js';
import { protocolName } from '../../shared/request/protocol-kinds.js';

const EVERY_PROTOCOL: Protocol[] = (['2', '1.1'] as const).flatMap((httpVersion) => [
  { kind: 'grpcweb', httpVersion },
  { kind: 'grpcweb', encoding: 'text', httpVersion },
  { kind: 'connect', httpVersion },
  { kind: 'connect', codec: 'json', httpVersion },
]);

const BY_NAME = new Map(EVERY_PROTOCOL.map((p) => [protocolName(p), withoutDefaults(p)]));

/** The setting a started event's `protocol` names; gRPC (undefined) when it names none. */
export function protocolFromName(name: string | undefined): Protocol | undefined {
  return name === undefined ? undefined : BY_NAME.get(name);
}

/** HTTP/2 is the default: left out, as a connection written by hand would. */
function withoutDefaults(protocol: Protocol): Protocol {
  if (protocol.kind === 'grpc' || protocol.httpVersion !== '2') return protocol;
  const { httpVersion: _default, ...rest } = protocol;
  return rest;
}
