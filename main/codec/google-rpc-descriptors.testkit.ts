// How main/codec/google-rpc-descriptors.ts is made (scripts/google-rpc-descriptors.ts) and
// checked (google-rpc-descriptors.test.ts): the google/rpc files of resources/protos through the
// schema loader, comments left out, as a serialized FileDescriptorSet in base64.
import { clone, create, toBinary } from '@bufbuild/protobuf';
import { base64Encode } from '@bufbuild/protobuf/wire';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { resourcePath } from '../resources.js';
import { loadProtoFiles } from '../schema/index.js';

export const GOOGLE_RPC_FILES = ['google/rpc/status.proto', 'google/rpc/error_details.proto'];

export function googleRpcDescriptorsFromProtos(): string {
  const { registry } = loadProtoFiles({
    files: GOOGLE_RPC_FILES,
    importPaths: [resourcePath('protos')],
  });
  const file = GOOGLE_RPC_FILES.map((name) => {
    const found = registry.getFile(name);
    if (!found) throw new Error(`${name} is missing from the loaded schema`);
    const proto = clone(FileDescriptorProtoSchema, found.proto);
    proto.sourceCodeInfo = undefined;
    return proto;
  });
  return base64Encode(toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file })));
}
