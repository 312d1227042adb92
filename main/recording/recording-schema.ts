import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { RecordingHeader } from '../../shared/recording/index.js';
import { createMessageCodec, decodeStatusDetails, type MessageCodec } from '../codec/index.js';
import { schemaFromFileDescriptors, type LoadedSchema } from '../schema/from-descriptors.js';
import { decodeStatusDetailsRaw } from '../calls/index.js';
import type { StatusDetail } from '../../shared/calls/events.js';
import { RecordingError } from './recording-error.js';
import { headerLineOf, sourceAddress, type RecordingSource } from './reader/recording-address.js';

/** The FileDescriptorProtos stored in a recording header. */
export function headerFiles(
  header: RecordingHeader,
  recording: RecordingSource,
): FileDescriptorProto[] {
  const file = sourceAddress(recording);
  return header.files.map((b64, i) => {
    try {
      return fromBinary(FileDescriptorProtoSchema, Buffer.from(b64, 'base64'));
    } catch (error) {
      throw new RecordingError(
        `header files[${i}] is not a FileDescriptorProto: ${(error as Error).message}`,
        file,
        headerLineOf(recording),
      );
    }
  });
}

export interface RecordingCodecs {
  schema: LoadedSchema;
  request: MessageCodec;
  response: MessageCodec;
  statusDetails(bin: Uint8Array): StatusDetail[];
}

/** The schema and codecs a recording carries, so nothing else is needed to replay or mock it. */
export function recordingCodecs(
  header: RecordingHeader,
  recording: RecordingSource,
): RecordingCodecs {
  const file = sourceAddress(recording);
  let schema: LoadedSchema;
  let request: MessageCodec;
  let response: MessageCodec;
  try {
    schema = schemaFromFileDescriptors(headerFiles(header, recording), file);
    request = createMessageCodec(schema.registry, header.requestType);
    response = createMessageCodec(schema.registry, header.responseType);
  } catch (error) {
    if (error instanceof RecordingError) throw error;
    throw new RecordingError(
      `the schema in the header cannot be used: ${(error as Error).message}`,
      file,
      headerLineOf(recording),
    );
  }
  return {
    schema,
    request,
    response,
    statusDetails(bin) {
      try {
        return decodeStatusDetails(schema.registry, bin).details;
      } catch {
        return decodeStatusDetailsRaw(bin);
      }
    },
  };
}
