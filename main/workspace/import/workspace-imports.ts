import type { SavedRequest } from '../../../shared/workspace/saved-request.js';
import { checkName, safeFileName, splitPath } from '../store/names.js';
import { WorkspaceError } from '../store/workspace-error.js';
import type { Workspace } from '../workspace.js';
import { parseGrpcurl, type GrpcurlImportOptions } from './grpcurl.js';
import { parsePostmanCollection } from './postman.js';

/** Parses a grpcurl command and saves it at `requestPath`; -proto/-protoset become (or reuse) a schema source. */
export function importGrpcurl(
  ws: Workspace,
  commandLine: string,
  requestPath: string,
  opts: GrpcurlImportOptions = {},
): { request: SavedRequest; ignored: string[] } {
  const name = splitPath(requestPath, 'request').at(-1) ?? '';
  const parsed = parseGrpcurl(commandLine, { name: opts.name ?? name });
  let request = parsed.request;
  if (parsed.schemaSource)
    request = { ...request, schemaSource: ws.schemaSources.addOrReuse(parsed.schemaSource).id };
  return { request: ws.saveRequest(requestPath, request), ignored: parsed.ignored };
}

/** Saves the gRPC requests of a Postman v2.1 collection as a new collection. */
export function importPostman(
  ws: Workspace,
  text: string,
  opts: { asName?: string; file?: string } = {},
): { collection: string; imported: number; skipped: { name: string; reason: string }[] } {
  const parsed = parsePostmanCollection(text, opts.file);
  const collection = checkName(opts.asName ?? parsed.collectionName, 'collection');
  if (ws.list().some((c) => c.name === collection))
    throw new WorkspaceError(
      `a collection named ${collection} already exists; import it under another name`,
      'EEXIST',
    );
  ws.createFolder(collection);
  const used = new Set<string>();
  for (const { folder, name, request } of parsed.requests) {
    const safeFolder = folder.map(safeFileName);
    let fileName = safeFileName(name);
    const dir = [collection, ...safeFolder].join('/');
    for (let n = 2; used.has(`${dir}/${fileName}`); n++) fileName = `${safeFileName(name)} ${n}`;
    used.add(`${dir}/${fileName}`);
    ws.createFolder(dir);
    ws.saveRequest(`${dir}/${fileName}`, request);
  }
  return { collection, imported: parsed.requests.length, skipped: parsed.skipped };
}
