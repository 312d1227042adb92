// What each protocol can carry, said before anything is sent (call-plan.ts asks): gRPC-Web has
// unary and server-streaming calls only; Connect over HTTP/1.1 has no bidi streams (Node's HTTP/1.1
// client sends the whole request before the response is read, connect-node's docs say so), and
// the settings connect-node's transports cannot honour are refused, saying why, rather than ignored.
import { CommandError } from '../../shared/contract/errors.js';
import type { Protocol } from '../../shared/request/connection.js';
import type { CallKind } from '../../shared/schema/model.js';
import { kindRefusal, protocolName } from '../../shared/request/protocol-kinds.js';
import type { ChannelConfig } from '../channels/index.js';

export { kindRefusal, protocolName };

/** Why this connection cannot go over the protocol's transport, or undefined when it can. */
export function settingRefusal(
  protocol: Protocol,
  config: ChannelConfig,
  unix: boolean,
): { field: string; why: string } | undefined {
  const name = protocolName(protocol);
  if (unix || !/^(?:dns:\/{0,3})?[^/:]+:\d+$|^\[[^\]]+\]:\d+$/.test(config.target))
    return {
      field: 'connection.address',
      why: `${name} needs host:port (connect-node makes an http(s) URL of it); ${config.target} is not one`,
    };
  if (config.compression === 'deflate')
    return {
      field: 'connection.compression',
      why: `${name} compresses with gzip only (connect-node has no deflate); choose gzip or none`,
    };
  return undefined;
}

/** Throws the refusal, in words, when the call cannot go over its protocol; nothing was sent. */
export function refuseUnsupported(
  protocol: Protocol,
  kind: CallKind,
  config: ChannelConfig,
  unix: boolean,
): void {
  const byKind = kindRefusal(protocol, kind);
  if (byKind)
    throw new CommandError('invalid_input', `connection.protocol: ${byKind}; nothing was sent`, {
      field: 'connection.protocol',
    });
  const bySetting = settingRefusal(protocol, config, unix);
  if (bySetting)
    throw new CommandError(
      'invalid_input',
      `${bySetting.field}: ${bySetting.why}; nothing was sent`,
      {
        field: bySetting.field,
      },
    );
}
