import { clone, type DescFile } from '@bufbuild/protobuf';
import {
  file_google_protobuf_any,
  file_google_protobuf_api,
  file_google_protobuf_descriptor,
  file_google_protobuf_duration,
  file_google_protobuf_empty,
  file_google_protobuf_field_mask,
  file_google_protobuf_source_context,
  file_google_protobuf_struct,
  file_google_protobuf_timestamp,
  file_google_protobuf_type,
  file_google_protobuf_wrappers,
} from '@bufbuild/protobuf/wkt';
import { FileDescriptorProtoSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';

const FILES: DescFile[] = [
  file_google_protobuf_any,
  file_google_protobuf_api,
  file_google_protobuf_descriptor,
  file_google_protobuf_duration,
  file_google_protobuf_empty,
  file_google_protobuf_field_mask,
  file_google_protobuf_source_context,
  file_google_protobuf_struct,
  file_google_protobuf_timestamp,
  file_google_protobuf_type,
  file_google_protobuf_wrappers,
];

/** A copy (callers may repair descriptors in place) of the library's file descriptor. */
function copyOf(file: DescFile | undefined): FileDescriptorProto | undefined {
  return file && clone(FileDescriptorProtoSchema, file.proto);
}

/** The descriptor of a google/protobuf/*.proto file bundled with @bufbuild/protobuf, if it is one. */
export function wellKnownFileProto(name: string): FileDescriptorProto | undefined {
  return copyOf(FILES.find((file) => file.proto.name === name));
}

/** The google/protobuf/*.proto file that defines a well-known type, e.g. `google.protobuf.Timestamp`. */
export function wellKnownFileOfType(typeName: string): FileDescriptorProto | undefined {
  const prefix = 'google.protobuf.';
  if (!typeName.startsWith(prefix)) return undefined;
  const name = typeName.slice(prefix.length);
  return copyOf(
    FILES.find(
      (file) =>
        file.messages.some((m) => m.name === name) || file.enums.some((e) => e.name === name),
    ),
  );
}
