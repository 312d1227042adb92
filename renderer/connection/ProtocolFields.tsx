// Which protocol the tab's connection speaks: gRPC (the default, nothing saved), gRPC-Web or
// Connect with their encoding and HTTP version. What a protocol cannot carry is said here, in the
// engine's own words (shared/request/protocol-kinds.ts), and the engine refuses it before sending.
import type { CallKind } from '../../shared/schema/model.js';
import type { Connection, Protocol } from '../../shared/request/connection.js';
import { kindRefusal } from '../../shared/request/protocol-kinds.js';

type Kind = Protocol['kind'];
const STREAM_KINDS: readonly CallKind[] = ['client_stream', 'bidi_stream'];

function protocolFor(kind: Kind, old: Protocol | undefined): Protocol | undefined {
  const httpVersion = old && old.kind !== 'grpc' ? old.httpVersion : undefined;
  const http = httpVersion ? { httpVersion } : {};
  if (kind === 'grpc') return undefined;
  return kind === 'grpcweb' ? { kind, ...http } : { kind, ...http };
}

export function ProtocolFields({
  c,
  onChange,
}: {
  c: Connection;
  onChange: (patch: Partial<Connection>) => void;
}) {
  const protocol = c.protocol;
  const kind: Kind = protocol?.kind ?? 'grpc';
  const set = (next: Protocol | undefined): void => onChange({ protocol: next });
  const limits =
    protocol && protocol.kind !== 'grpc'
      ? STREAM_KINDS.map((k) => kindRefusal(protocol, k)).find((why) => why !== undefined)
      : undefined;
  return (
    <fieldset>
      <legend>Protocol</legend>
      <label className="row">
        Protocol
        <select value={kind} onChange={(e) => set(protocolFor(e.target.value as Kind, protocol))}>
          <option value="grpc">gRPC</option>
          <option value="grpcweb">gRPC-Web</option>
          <option value="connect">Connect</option>
        </select>
      </label>
      {protocol?.kind === 'grpcweb' && (
        <label className="row">
          Encoding
          <select
            value={protocol.encoding ?? 'binary'}
            onChange={(e) => {
              const { encoding: _old, ...rest } = protocol;
              set(e.target.value === 'text' ? { ...rest, encoding: 'text' } : rest);
            }}
          >
            <option value="binary">Binary (application/grpc-web)</option>
            <option value="text">Text (application/grpc-web-text, base64)</option>
          </select>
        </label>
      )}
      {protocol?.kind === 'connect' && (
        <label className="row">
          Codec
          <select
            value={protocol.codec ?? 'binary'}
            onChange={(e) => {
              const { codec: _old, ...rest } = protocol;
              set(e.target.value === 'json' ? { ...rest, codec: 'json' } : rest);
            }}
          >
            <option value="binary">Binary (application/proto)</option>
            <option value="json">JSON (application/json)</option>
          </select>
        </label>
      )}
      {protocol && protocol.kind !== 'grpc' && (
        <label className="row">
          HTTP version
          <select
            value={protocol.httpVersion ?? '2'}
            onChange={(e) => {
              const { httpVersion: _old, ...rest } = protocol;
              set(e.target.value === '1.1' ? { ...rest, httpVersion: '1.1' } : rest);
            }}
          >
            <option value="2">HTTP/2</option>
            <option value="1.1">HTTP/1.1</option>
          </select>
        </label>
      )}
      {limits && <p className="hint">{limits}.</p>}
    </fieldset>
  );
}
