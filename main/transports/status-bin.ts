// A failed call's google.rpc.Status as the bytes gRPC carries in `grpc-status-details-bin`, so
// the session decodes its details with the one decoder, whatever the protocol. gRPC-Web sends the
// trailer itself (taken as it came); Connect sends the details in its JSON error body, which
// connect-es has already parsed into ConnectError.details (type name and bytes of each).
import { BinaryWriter } from '@bufbuild/protobuf/wire';
import type { ConnectError } from '@connectrpc/connect';

const TYPE_URL_PREFIX = 'type.googleapis.com/';

/** The status bytes of a failed call, or undefined when it has no details. */
export function statusBinOf(error: ConnectError): Uint8Array | undefined {
  const sent = error.metadata.get('grpc-status-details-bin');
  if (sent) return Buffer.from(sent, 'base64');
  const details = error.details.flatMap((d) =>
    'type' in d ? [{ type: d.type, value: d.value }] : [],
  );
  if (details.length === 0) return undefined;
  const writer = new BinaryWriter();
  writer.tag(1, 0).int32(error.code);
  if (error.rawMessage !== '') writer.tag(2, 2).string(error.rawMessage);
  for (const detail of details) {
    writer.tag(3, 2).fork();
    writer.tag(1, 2).string(TYPE_URL_PREFIX + detail.type);
    if (detail.value.length > 0) writer.tag(2, 2).bytes(detail.value);
    writer.join();
  }
  return writer.finish();
}
