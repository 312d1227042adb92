import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';

// google.rpc.Status and the error detail types the demo sends, declared inline (field numbers as
// in google/rpc/status.proto and error_details.proto) so the demo needs no proto files at run time.
const root = protobuf.Root.fromJSON({
  nested: {
    google: {
      nested: {
        protobuf: {
          nested: {
            Any: {
              fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } },
            },
          },
        },
        rpc: {
          nested: {
            Status: {
              fields: {
                code: { type: 'int32', id: 1 },
                message: { type: 'string', id: 2 },
                details: { rule: 'repeated', type: 'google.protobuf.Any', id: 3 },
              },
            },
            ResourceInfo: {
              fields: {
                resource_type: { type: 'string', id: 1 },
                resource_name: { type: 'string', id: 2 },
                owner: { type: 'string', id: 3 },
                description: { type: 'string', id: 4 },
              },
            },
            BadRequest: {
              fields: { field_violations: { rule: 'repeated', type: 'FieldViolation', id: 1 } },
              nested: {
                FieldViolation: {
                  fields: {
                    field: { type: 'string', id: 1 },
                    description: { type: 'string', id: 2 },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
});

const StatusType = root.lookupType('google.rpc.Status');

export type DetailTypeName = 'google.rpc.ResourceInfo' | 'google.rpc.BadRequest';

export interface RichDetail {
  type: DetailTypeName;
  /** Field values with proto (snake_case) names. */
  value: Record<string, unknown>;
}

/** A grpc-js error whose trailers carry `grpc-status-details-bin`, as rich-status servers send. */
export function richError(
  code: grpc.status,
  message: string,
  details: RichDetail[],
): Partial<grpc.StatusObject> {
  const anyDetails = details.map((d) => {
    const type = root.lookupType(d.type);
    return {
      type_url: `type.googleapis.com/${d.type}`,
      value: type.encode(type.fromObject(d.value)).finish(),
    };
  });
  const bytes = StatusType.encode(
    StatusType.fromObject({ code, message, details: anyDetails }),
  ).finish();
  const metadata = new grpc.Metadata();
  metadata.set('grpc-status-details-bin', Buffer.from(bytes));
  return { code, details: message, metadata };
}

/** Decodes a `grpc-status-details-bin` value; tests use it to check what the demo sent. */
export function decodeRichStatus(bytes: Uint8Array): {
  code: number;
  message: string;
  details: { typeUrl: string; value: Record<string, unknown> }[];
} {
  const status = StatusType.toObject(StatusType.decode(bytes), { defaults: true }) as {
    code: number;
    message: string;
    details: { type_url: string; value: Uint8Array }[];
  };
  return {
    code: status.code,
    message: status.message,
    details: status.details.map((d) => {
      const type = root.lookupType(d.type_url.slice(d.type_url.lastIndexOf('/') + 1));
      return {
        typeUrl: d.type_url,
        value: type.toObject(type.decode(d.value), { defaults: true }),
      };
    }),
  };
}
