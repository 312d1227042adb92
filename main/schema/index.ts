// Schema loading: every source (.proto files, descriptor sets, server reflection) is turned into
// google.protobuf.FileDescriptorProtos first, and only then into a @bufbuild/protobuf FileRegistry
// (which the JSON codec uses) and the plain SchemaModel (which the UI and CLI use). One pivot format
// means sources can be merged, compared and handed to the codec without per-source special cases.
export { SchemaError, type SchemaErrorKind } from './errors.js';
export {
  loadProtoContents,
  loadProtoFiles,
  type LoadProtoFilesOptions,
} from './load-proto-files.js';
export {
  loadSchemaContents,
  type DescriptorSetContents,
  type SchemaContents,
} from './load-contents.js';
export type { ProtoContents } from './source-contents.js';
export {
  loadDescriptorSet,
  loadDescriptorSetFile,
  schemaFromFileDescriptors,
  type LoadedSchema,
} from './from-descriptors.js';
export { buildSchemaModel } from './model.js';
export { mergeFileSets, mergeSchemas } from './merge.js';
export { describeSymbol, listMethods, listServices } from './describe.js';
export { descMethodOf } from './desc-method.js';
