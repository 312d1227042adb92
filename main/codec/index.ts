export { CodecError } from './codec-error.js';
export { createMessageCodec, messageDesc, type MessageCodecOptions } from './message-codec.js';
export { messageTemplate } from './message-template.js';
export type { MessageCodec } from './types.js';
export {
  decodeStatusDetails,
  encodeStatusDetails,
  type DecodedStatus,
  type StatusDetailInput,
} from './status-details.js';
export { googleRpcRegistry } from './rpc-registry.js';
