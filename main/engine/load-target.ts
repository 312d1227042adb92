// The one way a load target is resolved, for the workbench's `load.start` and `gwb load` (which
// runs through `load.start` too): the request with its variables, auth and secrets resolved by the
// engine's one prepare step (as a Send would), except the per-call names (`{{$uuid}}`-style
// dynamic values and the data file's columns), which main/load fills in again for every call; the
// data rows, read by the runner's one reader (main/runner/data-file.ts); and the schema the request
// uses, loaded as a Send loads it (or the one gwb already loaded from its grpcurl flags), as a
// descriptor set the workers rebuild their codecs from.
import { CommandError } from '../../shared/contract/errors.js';
import type { Handlers } from '../../shared/contract/types.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { lookupMethod, sendsStream } from '../../shared/schema/methods.js';
import { refuseNonGrpcLoad } from '../load/load-protocol.js';
import type { LoadTarget } from '../load/load-types.js';
import { descriptorSetOf } from '../load/target.js';
import { readDataFile, type DataRow } from '../runner/data-file.js';
import { substituteRequest } from '../workspace/variables/substitute-request.js';
import type { SchemaStore } from './schemas.js';
import { refuseUnknownVariables, type PrepareCall } from './prepare-call.js';

export interface LoadTargetDeps {
  commands: () => Handlers;
  schemas: SchemaStore;
  prepareCall: PrepareCall;
  /** The open workspace's folder: a relative data file starts there. */
  workspaceDir: () => string | undefined;
}

export interface LoadTargetInput {
  path?: string | undefined;
  request?: RequestDocument | undefined;
  environment?: string | null | undefined;
  /** A schema already loaded in this engine (gwb's, from its grpcurl flags); absent: the request's. */
  schemaId?: string | undefined;
  /** Rows given as they are (gwb load reads its --data file itself, relative to where it runs). */
  data?: DataRow[] | undefined;
  /** A CSV or JSON file of rows; a relative path starts in the workspace folder. */
  dataFile?: string | undefined;
}

// A per-call name goes through the prepare step as this mark (no `{{`, so it is left alone) and
// becomes `{{name}}` again after it, for the workers to fill in per call.
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';

function markPerCall(doc: RequestDocument, perCall: (name: string) => boolean): RequestDocument {
  return substituteRequest(doc, (name) =>
    perCall(name) ? `${MARK_OPEN}${name}${MARK_CLOSE}` : undefined,
  ).request;
}

function unmarkPerCall(doc: RequestDocument): RequestDocument {
  const text = JSON.stringify(doc).replace(/\uE000([^\uE001]*)\uE001/g, '{{$1}}');
  return JSON.parse(text) as RequestDocument;
}

/** Names filled in for every call, not once by the engine: dynamic values and data columns. */
function perCallNames(rows: readonly DataRow[] | undefined): (name: string) => boolean {
  const columns = new Set(rows?.flatMap((row) => Object.keys(row)) ?? []);
  return (name) => name.startsWith('$') || columns.has(name);
}

function rowsOf(deps: LoadTargetDeps, input: LoadTargetInput): DataRow[] | undefined {
  if (input.dataFile !== undefined)
    return readDataFile(input.dataFile, deps.workspaceDir() ?? process.cwd());
  return input.data;
}

async function documentOf(deps: LoadTargetDeps, input: LoadTargetInput): Promise<RequestDocument> {
  if (input.request) return input.request;
  const saved = await deps.commands()['request.read']({ path: input.path as string });
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the file format's version goes
  const { version, ...doc } = saved.request;
  return doc;
}

async function schemaIdOf(
  deps: LoadTargetDeps,
  input: LoadTargetInput,
  doc: RequestDocument,
): Promise<string> {
  if (input.schemaId !== undefined) return input.schemaId;
  const { schemaId } = await deps.commands()['schema.load']({
    ...(doc.schema ? { source: doc.schema } : {}),
    connection: doc.connection,
    reload: false,
    ...(doc.auth ? { auth: doc.auth } : {}),
    ...(input.path !== undefined ? { requestPath: input.path } : {}),
  });
  return schemaId;
}

export interface PreparedLoadTarget {
  target: LoadTarget;
  /** The secret values filled into the target (name → value): masked in all a run tells or saves. */
  secrets: ReadonlyMap<string, string>;
}

export async function prepareLoadTarget(
  deps: LoadTargetDeps,
  input: LoadTargetInput,
): Promise<PreparedLoadTarget> {
  const rows = rowsOf(deps, input);
  let doc = await documentOf(deps, input);
  // Before anything connects: a load run would not speak the request's protocol.
  refuseNonGrpcLoad(doc);
  const schemaId = await schemaIdOf(deps, input, doc);
  const found = lookupMethod(deps.schemas.describe(schemaId).model, doc.method);
  if (!found.method)
    throw new CommandError('invalid_input', `method: ${'problem' in found ? found.problem : ''}`, {
      field: 'method',
    });
  const method = found.method;
  // A unary call with no message sends an empty one, as Send and grpcurl do.
  if (doc.messages.length === 0 && !sendsStream(method.kind)) doc = { ...doc, messages: [{}] };
  const prepared = await deps.prepareCall({
    request: markPerCall(doc, perCallNames(rows)),
    ...(input.environment !== undefined ? { environment: input.environment } : {}),
    ...(input.path !== undefined ? { requestPath: input.path } : {}),
  });
  refuseUnknownVariables(prepared);
  return {
    target: {
      descriptorSet: descriptorSetOf(deps.schemas.get(schemaId)),
      request: unmarkPerCall(prepared.request),
      baseDir: prepared.baseDir,
      ...(rows ? { dataRows: rows } : {}),
    },
    secrets: prepared.secrets,
  };
}
