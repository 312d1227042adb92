// The schema of a grpcurl-style call, loaded by the engine (schema.load, cached per source): the
// -proto/-protoset files, the server's reflection, or both merged (-use-reflection with files),
// falling back to the files alone when the server has no reflection (as grpcurl does).
import { statSync } from 'node:fs';
import path from 'node:path';
import type { SchemaModel } from '../../shared/schema/model.js';
import { WorkbenchError } from '../../shared/contract/errors.js';
import type { GrpcurlFlags } from '../../shared/grpcurl/flag-types.js';
import { headerRow } from '../../shared/grpcurl/request-mapping.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { toMethodPath } from '../../shared/request/method-path.js';
import {
  areMetadataRows,
  isPlainlyValidConnection,
  isPlainSchemaSource,
} from '../../shared/request/plain-check.js';
import type { SchemaSourceSpec } from '../../shared/request/schema-source.js';
import type { CliEngine } from './engine-host.js';

export interface CallSchema {
  schemaId: string;
  model: SchemaModel;
}

export function hasSchemaFiles(flags: GrpcurlFlags): boolean {
  return flags.proto.length > 0 || flags.protoset.length > 0;
}

/** grpcurl: reflection unless files are given, or when asked for explicitly. */
export function usesReflection(flags: GrpcurlFlags): boolean {
  return flags['use-reflection'] ?? !hasSchemaFiles(flags);
}

/** What the schema came from, in words (kept in recordings). */
export function schemaSourceName(flags: GrpcurlFlags): string {
  const files = [...flags.proto, ...flags.protoset];
  if (!usesReflection(flags)) return files.join(', ');
  return files.length > 0 ? `server reflection and ${files.join(', ')}` : 'server reflection';
}

/**
 * File paths as grpcurl reads them, from the current folder: import paths and descriptor sets
 * always; proto files without import paths, and with them a file that is there (grpcurl's
 * ResolveFilenames: `-proto protos/x.proto -import-path protos`). Any other file is a name inside
 * an import path, which the engine looks up there (never in its own current folder).
 */
export function fromHere(source: SchemaSourceSpec, cwd = process.cwd()): SchemaSourceSpec {
  const abs = (p: string): string => path.resolve(cwd, p);
  switch (source.kind) {
    case 'protoFiles':
      return source.importPaths.length > 0
        ? {
            ...source,
            importPaths: source.importPaths.map(abs),
            files: source.files.map((f) => (isFileAt(abs(f)) ? abs(f) : f)),
          }
        : { ...source, files: source.files.map(abs) };
    case 'descriptorSet':
      return { ...source, files: source.files.map(abs) };
    case 'reflection':
      return source;
  }
}

/** The schema of the -proto/-protoset files, when there are any (no network needed). */
export async function loadFileSchema(
  engine: CliEngine,
  doc: RequestDocument,
): Promise<CallSchema | undefined> {
  if (!doc.schema || doc.schema.kind === 'reflection') return undefined;
  const source = fromHere(doc.schema);
  const { connection } = doc;
  // Files and a connection as flags give them need no second check (which would load zod, ~25
  // ms of a -proto call's start); anything else is checked by the contract.
  const { schemaId } =
    isPlainSchemaSource(source) && isPlainlyValidConnection(connection)
      ? await engine.runParsed('schema.load', { source, connection, reload: false })
      : await engine.run('schema.load', { source, connection });
  return { schemaId, model: await modelOf(engine, schemaId) };
}

/**
 * The call's schema: the files alone, or the server's reflection (with -H and -reflect-header);
 * with both, reflection wins where both describe a file (it is what the server serves) and the
 * files fill in what it lacks.
 */
export async function callSchema(
  engine: CliEngine,
  flags: GrpcurlFlags,
  doc: RequestDocument,
  fromFiles: CallSchema | undefined,
): Promise<CallSchema> {
  if (fromFiles && !usesReflection(flags)) return fromFiles;
  const metadata = [...flags.H, ...flags['reflect-header']].map((h) => headerRow(h, 'H'));
  let reflected: { schemaId: string };
  const load = {
    source: { kind: 'reflection' as const, ...(metadata.length ? { metadata } : {}) },
    connection: doc.connection,
    reload: false,
    // As grpcurl: only the file of the call's service (and its imports), not every service's.
    // With files too, reflection loads everything: the files fill in what it lacks.
    ...(fromFiles ? {} : serviceOf(doc)),
  };
  const { connection } = doc;
  try {
    // The symbol comes from the document's method path, which is within the symbol's limit.
    reflected =
      isPlainlyValidConnection(connection) && areMetadataRows(metadata)
        ? await engine.runParsed('schema.load', {
            ...load,
            source: { kind: 'reflection', ...(metadata.length ? { metadata } : {}) },
            connection,
          })
        : await engine.run('schema.load', load);
  } catch (error) {
    // -use-reflection with files, against a server without reflection: the files alone.
    if (fromFiles && isNoReflection(error)) return fromFiles;
    throw error;
  }
  const schemaId = fromFiles
    ? (
        await engine.runParsed('schema.merge', {
          schemaIds: [reflected.schemaId, fromFiles.schemaId],
        })
      ).schemaId
    : reflected.schemaId;
  return { schemaId, model: await modelOf(engine, schemaId) };
}

/** The service of the call's method, as the symbol reflection is asked for; none if unnamed. */
function serviceOf(doc: RequestDocument): { symbol?: string } {
  const path = toMethodPath(doc.method);
  return path ? { symbol: path.slice(1, path.lastIndexOf('/')) } : {};
}

/**
 * Whether the server has no reflection service at all (it answered UNIMPLEMENTED to v1 and
 * v1alpha) — as opposed to a connection, deadline or lookup failure, which still fails the call.
 * Works for main/reflection's ReflectionError and for the engine's CommandError carrying it.
 */
export function isNoReflection(error: unknown): boolean {
  if (!(error instanceof WorkbenchError) || error.code !== 'schema_error') return false;
  return (error.details as { kind?: unknown } | undefined)?.kind === 'unavailable';
}

async function modelOf(engine: CliEngine, schemaId: string): Promise<SchemaModel> {
  return (await engine.runParsed('schema.get', { schemaId })).model as SchemaModel;
}

function isFileAt(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
