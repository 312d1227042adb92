// grpcurl's `describe` text lives with the schema (main/schema/describe.ts); the CLI's commands
// import it from here.
export {
  describeText,
  findSymbol,
  methodLine,
  symbolName,
  type DescribedSymbol,
} from '../../main/schema/describe.js';
