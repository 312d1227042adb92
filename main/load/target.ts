// A load target from a loaded schema: the schema's files as a serialized FileDescriptorSet, so
// each worker thread rebuilds the same registry (and the same codecs) without loading again.
import { create, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import type { LoadedSchema } from '../schema/index.js';

export function descriptorSetOf(schema: LoadedSchema): Uint8Array {
  return toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: schema.files }));
}
