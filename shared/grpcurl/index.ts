// grpcurl's language, declared once: the flag table, the parser, the request mapping both ways,
// shell words and quoting. Pure (no Node): the renderer, main and the CLI all use it.
export { GrpcurlError, GrpcurlFlagError } from './errors.js';
export { GRPCURL_FLAGS } from './flag-table.js';
export type {
  AnyFlagDef,
  FlagGroup,
  FlagName,
  FlagRole,
  FlagTable,
  GrpcurlFlags,
} from './flag-types.js';
export {
  defaultFlags,
  findFlag,
  flagDef,
  isSet,
  parseGrpcurlArgs,
  type ParsedGrpcurl,
} from './parse-args.js';
export {
  applyGrpcurlFlags,
  browseTargetFromGrpcurl,
  checkFlagLengths,
  requestFromGrpcurl,
  type BrowseTarget,
  type RequestFromGrpcurlOptions,
} from './to-request.js';
export {
  grpcurlArgs,
  grpcurlCommand,
  notInGrpcurl,
  type GrpcurlExportOptions,
} from './to-command.js';
export { parseGrpcurlCommand, type ParsedGrpcurlCommand } from './parse-command.js';
export { headerRow } from './request-mapping.js';
export { shellWords } from './shell-words.js';
export { shellJoin, shellQuote } from './shell-quote.js';
export { JsonStreamError, JsonStreamReader, parseJsonStream } from './json-stream.js';
