export { CodecError } from './codec-error.js';
export { createMessageCodec, messageDesc, type MessageCodecOptions } from './message-codec.js';
export { messageTemplate } from './message-template.js';
export type { MessageCodec } from './types.js';
