// A substituted request document → everything a call session needs, each part checked with an
// error in the user's words before anything is sent: the method (the one lookupMethod), how many
// messages its kind takes, the metadata rows, the connection (the one toChannelConfig), codecs.

import type { JsonValue, MetadataEntry } from '../../shared/calls/events.js';
import { CommandError } from '../../shared/contract/errors.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { lookupMethod, sendsStream } from '../../shared/schema/methods.js';
import type { MethodInfo } from '../../shared/schema/model.js';
import { toChannelConfig, type ChannelConfig } from '../channels/index.js';
import type { SecretMask } from '../calls/index.js';
import { createMessageCodec } from '../codec/index.js';
import type { MessageCodec } from '../codec/types.js';
import { sentEntries } from '../metadata/index.js';
import type { LoadedSchema } from '../schema/index.js';
import type { CallTransport } from '../calls/call-types.js';
import { callTransportFor } from '../transports/index.js';

export interface CallPlan {
  method: MethodInfo;
  config: ChannelConfig;
  /** The metadata rows that are sent, checked. */
  metadata: MetadataEntry[];
  messages: readonly JsonValue[];
  deadlineMs?: number;
  requestCodec: MessageCodec;
  responseCodec: MessageCodec;
  /** gRPC-Web or Connect (connection.protocol); absent for gRPC, which goes over the channel. */
  transport?: CallTransport;
}

export function planCall(
  schema: LoadedSchema,
  request: RequestDocument,
  baseDir: string | undefined,
  /** The request's secrets: an error quoting a substituted value (an address, a field) masks it. */
  mask?: SecretMask,
): CallPlan {
  try {
    const planned = plan(schema, request, baseDir);
    if (mask) planned.config.shownTarget = mask.text(planned.config.target);
    return planned;
  } catch (error) {
    throw mask ? mask.error(error) : error;
  }
}

function plan(
  schema: LoadedSchema,
  request: RequestDocument,
  baseDir: string | undefined,
): CallPlan {
  const method = methodOf(schema, request.method);
  checkMessageCount(method, request.messages.length);
  const metadata = sentEntries(request.metadata);
  const config = toChannelConfig(request.connection, baseDir !== undefined ? { baseDir } : {});
  const { emitDefaults, allowUnknownFields } = request.options;
  const { protocol, unix } = request.connection;
  const transport = callTransportFor(schema.registry, method, config, protocol, unix === true);
  return {
    ...(transport ? { transport } : {}),
    method,
    config,
    metadata,
    messages: request.messages,
    ...(request.deadlineMs !== undefined ? { deadlineMs: request.deadlineMs } : {}),
    requestCodec: codecOf(schema, method.inputType, allowUnknownFields ? 'ignoreUnknown' : '', () =>
      createMessageCodec(schema.registry, method.inputType, {
        ...(allowUnknownFields ? { ignoreUnknownFields: true } : {}),
      }),
    ),
    responseCodec: codecOf(schema, method.outputType, emitDefaults ? 'emitDefaults' : '', () =>
      createMessageCodec(schema.registry, method.outputType, {
        ...(emitDefaults ? { emitDefaults: true } : {}),
        ...(schema.packedTypes ? { packedTypes: schema.packedTypes } : {}),
      }),
    ),
  };
}

/**
 * The codecs of each loaded schema by type and options, made once: a codec settles everything
 * that does not depend on the message when it is made (message-codec.ts), and a run makes the
 * same call hundreds of times. Sharing is safe: what a codec changes as it goes (the types its
 * finder found, a decode done ahead for the same bytes) holds for every call of its type.
 */
const codecs = new WeakMap<LoadedSchema, Map<string, MessageCodec>>();

function codecOf(
  schema: LoadedSchema,
  typeName: string,
  options: string,
  make: () => MessageCodec,
): MessageCodec {
  let ofSchema = codecs.get(schema);
  if (!ofSchema) codecs.set(schema, (ofSchema = new Map()));
  const key = `${typeName} ${options}`;
  let codec = ofSchema.get(key);
  if (!codec) ofSchema.set(key, (codec = make()));
  return codec;
}

/**
 * The methods of each schema model found so far, by the name a request gave: a run calls the
 * same method hundreds of times (the name worked out, the service and method searched, each
 * time). Keyed by the model itself: a schema loaded again is another model.
 */
const foundMethods = new WeakMap<LoadedSchema['model'], Map<string, MethodInfo>>();

/** The method in the call's schema, or an error saying which service or method is missing. */
export function methodOf(schema: LoadedSchema, symbol: string): MethodInfo {
  let ofModel = foundMethods.get(schema.model);
  const kept = ofModel?.get(symbol);
  if (kept) return kept;
  const found = lookupMethod(schema.model, symbol);
  if (found.method) {
    if (!ofModel) foundMethods.set(schema.model, (ofModel = new Map()));
    ofModel.set(symbol, found.method);
    return found.method;
  }
  const notAName = symbol.trim() === '' || (!symbol.includes('/') && !symbol.includes('.'));
  throw new CommandError(
    notAName ? 'invalid_input' : 'not_found',
    `request.method: ${symbol.trim() === '' ? 'no method is chosen' : found.problem}`,
    { field: 'request.method', method: symbol },
  );
}

/** Unary and server-streaming methods take exactly one request message. */
function checkMessageCount(method: MethodInfo, count: number): void {
  if (sendsStream(method.kind) || count === 1) return;
  throw new CommandError(
    'invalid_input',
    `${method.name} takes one request message but the request holds ${count === 0 ? 'none' : count}`,
    { field: 'request.messages', count },
  );
}
