import { clone, type DescFile } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { wellKnownFile, wellKnownFiles } from '../schema/wkt.js';

// Servers often leave the well-known files out of reflection; the copies bundled with
// @bufbuild/protobuf (the same ones the schema loader uses) fill them in.

/** A copy (callers may repair descriptors in place) of the library's file descriptor. */
function copyOf(file: DescFile | undefined): FileDescriptorProto | undefined {
  return file && clone(FileDescriptorProtoSchema, file.proto);
}

/** The descriptor of a google/protobuf/*.proto file bundled with @bufbuild/protobuf, if it is one. */
export function wellKnownFileProto(name: string): FileDescriptorProto | undefined {
  return copyOf(wellKnownFile(name));
}

/** The google/protobuf/*.proto file that defines a well-known type, e.g. `google.protobuf.Timestamp`. */
export function wellKnownFileOfType(typeName: string): FileDescriptorProto | undefined {
  const prefix = 'google.protobuf.';
  if (!typeName.startsWith(prefix)) return undefined;
  const name = typeName.slice(prefix.length);
  return copyOf(
    wellKnownFiles().find(
      (file) =>
        file.messages.some((m) => m.name === name) || file.enums.some((e) => e.name === name),
    ),
  );
}
