import * as grpc from '@grpc/grpc-js';
import { create, toBinary } from '@bufbuild/protobuf';
import { AnySchema } from '@bufbuild/protobuf/wkt';
import type { CallStatus, MetadataEntry } from '../../../shared/calls/events.js';
import { googleRpcRegistry } from '../../codec/index.js';

// Set by the transport or by grpc-js from the status itself; a mock must not send them as metadata.
const TRANSPORT_KEYS = new Set([
  'content-type',
  'te',
  'host',
  'connection',
  'date',
  'user-agent',
  'grpc-encoding',
  'grpc-accept-encoding',
  'grpc-status',
  'grpc-message',
]);

/** Recorded entries as grpc-js Metadata, leaving out what the transport sets itself. */
export function recordedMetadata(entries: readonly MetadataEntry[] | undefined): grpc.Metadata {
  const md = new grpc.Metadata();
  for (const { key, value } of entries ?? []) {
    if (TRANSPORT_KEYS.has(key) || key.startsWith(':')) continue;
    try {
      md.add(key, key.endsWith('-bin') ? Buffer.from(value, 'base64') : value);
    } catch {
      // A value grpc-js refuses to send cannot be served; the rest of the metadata still is.
    }
  }
  return md;
}

/**
 * The trailers to end a call with: the recorded ones, plus grpc-status-details-bin rebuilt from the
 * status details when the recording has the details but not the header.
 */
export function statusTrailers(
  trailers: readonly MetadataEntry[] | undefined,
  status: CallStatus,
): grpc.Metadata {
  const md = recordedMetadata(trailers);
  if (status.details.length > 0 && md.get('grpc-status-details-bin').length === 0) {
    const desc = googleRpcRegistry().getMessage('google.rpc.Status');
    if (desc) {
      const details = status.details.map((d) =>
        create(AnySchema, {
          typeUrl: `type.googleapis.com/${d.type}`,
          value: Buffer.from(d.raw, 'base64'),
        }),
      );
      md.set(
        'grpc-status-details-bin',
        Buffer.from(
          toBinary(desc, create(desc, { code: status.code, message: status.message, details })),
        ),
      );
    }
  }
  return md;
}
