// What the load workers are given for a workbench load run: the request with its variables, auth
// and secrets resolved by the engine's one prepare step (as a Send would), except `{{$uuid}}`-
// style dynamic values, which main/load fills in again for every call; and the schema the request
// uses, loaded as a Send loads it, as a descriptor set the workers rebuild their codecs from.
import { CommandError } from '../../shared/contract/errors.js';
import type { Handlers } from '../../shared/contract/types.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { lookupMethod, sendsStream } from '../../shared/schema/methods.js';
import { refuseNonGrpcLoad } from '../load/load-protocol.js';
import type { LoadTarget } from '../load/load-types.js';
import { descriptorSetOf } from '../load/target.js';
import { substituteRequest } from '../workspace/variables/substitute-request.js';
import type { SchemaStore } from './schemas.js';
import { refuseUnknownVariables, type PrepareCall } from './prepare-call.js';

export interface LoadTargetDeps {
  commands: () => Handlers;
  schemas: SchemaStore;
  prepareCall: PrepareCall;
}

export interface LoadTargetInput {
  path?: string | undefined;
  request?: RequestDocument | undefined;
  environment?: string | null | undefined;
}

// A dynamic value goes through the prepare step as this mark (no `{{`, so it is left alone) and
// becomes `{{$name}}` again after it, for the workers to fill in per call.
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';

function markDynamicValues(doc: RequestDocument): RequestDocument {
  return substituteRequest(doc, (name) =>
    name.startsWith('$') ? `${MARK_OPEN}${name}${MARK_CLOSE}` : undefined,
  ).request;
}

function unmarkDynamicValues(doc: RequestDocument): RequestDocument {
  const text = JSON.stringify(doc).replace(/\uE000([^\uE001]*)\uE001/g, '{{$1}}');
  return JSON.parse(text) as RequestDocument;
}

async function documentOf(deps: LoadTargetDeps, input: LoadTargetInput): Promise<RequestDocument> {
  if (input.request) return input.request;
  const saved = await deps.commands()['request.read']({ path: input.path as string });
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the file format's version goes
  const { version, ...doc } = saved.request;
  return doc;
}

export async function prepareLoadTarget(
  deps: LoadTargetDeps,
  input: LoadTargetInput,
): Promise<LoadTarget> {
  let doc = await documentOf(deps, input);
  // Before anything connects: a load run would not speak the request's protocol.
  refuseNonGrpcLoad(doc);
  const { schemaId } = await deps.commands()['schema.load']({
    ...(doc.schema ? { source: doc.schema } : {}),
    connection: doc.connection,
    reload: false,
    ...(doc.auth ? { auth: doc.auth } : {}),
    ...(input.path !== undefined ? { requestPath: input.path } : {}),
  });
  const found = lookupMethod(deps.schemas.describe(schemaId).model, doc.method);
  if (!found.method)
    throw new CommandError('invalid_input', `method: ${'problem' in found ? found.problem : ''}`, {
      field: 'method',
    });
  const method = found.method;
  // A unary call with no message sends an empty one, as Send and grpcurl do.
  if (doc.messages.length === 0 && !sendsStream(method.kind)) doc = { ...doc, messages: [{}] };
  const prepared = await deps.prepareCall({
    request: markDynamicValues(doc),
    ...(input.environment !== undefined ? { environment: input.environment } : {}),
    ...(input.path !== undefined ? { requestPath: input.path } : {}),
  });
  refuseUnknownVariables(prepared);
  return {
    descriptorSet: descriptorSetOf(deps.schemas.get(schemaId)),
    request: unmarkDynamicValues(prepared.request),
    baseDir: prepared.baseDir,
  };
}
