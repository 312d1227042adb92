// A whole collection as one file (export/import). Environments and secrets are never included;
// the schema sources the requests use are, so the file works in another workspace.
import { z } from 'zod';
import { SavedRequestSchema, type SavedRequest } from '../../../shared/workspace/saved-request.js';
import {
  SchemaSourceSchema,
  type SchemaSourceInput,
} from '../../../shared/workspace/schema-source.js';
import { parseJsonText, toFileText, validate } from '../store/json-file.js';
import { splitPath } from '../store/names.js';
import { WorkspaceError } from '../store/workspace-error.js';
import type { Workspace } from '../workspace.js';

export const CollectionExportSchema = z
  .object({
    format: z.literal('gwb-collection'),
    version: z.literal(1),
    name: z.string(),
    schemaSources: z.array(SchemaSourceSchema),
    /** Folders as paths relative to the collection; empty folders are kept. */
    folders: z.array(z.string()),
    requests: z.array(z.object({ path: z.string(), request: SavedRequestSchema }).strict()),
  })
  .strict();
export type CollectionExport = z.infer<typeof CollectionExportSchema>;

function foldersOf(ws: Workspace, collection: string): string[] {
  const out: string[] = [];
  const walk = (nodes: ReturnType<Workspace['list']>[number]['children'], prefix: string): void => {
    for (const node of nodes) {
      if (node.kind === 'request') continue;
      const rel = prefix === '' ? node.name : `${prefix}/${node.name}`;
      out.push(rel);
      walk(node.children, rel);
    }
  };
  const top = ws.list().find((c) => c.name === collection);
  if (!top) throw new WorkspaceError(`no collection ${collection}`, 'ENOENT');
  walk(top.children, '');
  return out;
}

export function exportCollection(ws: Workspace, collection: string): string {
  const paths = ws.requestsUnder(collection);
  const requests = paths.map((p) => ({
    path: p.slice(collection.length + 1),
    request: ws.readRequest(p),
  }));
  const used = new Set(
    requests.map((r) => r.request.schemaSource).filter((s): s is string => s !== undefined),
  );
  const file: CollectionExport = {
    format: 'gwb-collection',
    version: 1,
    name: collection,
    schemaSources: ws.schemaSources.list().filter((s) => used.has(s.id)),
    folders: foldersOf(ws, collection),
    requests,
  };
  return toFileText(validate(CollectionExportSchema, file, 'export'));
}

/**
 * Writes the collection under `asName` (default: its own name; must not exist yet). Schema sources
 * are reused when identical, otherwise added under a free id and the requests re-pointed.
 */
export function importCollection(
  ws: Workspace,
  text: string,
  opts: { asName?: string; file?: string } = {},
): { collection: string; requests: number } {
  const data = validate(
    CollectionExportSchema,
    parseJsonText(text, opts.file ?? 'collection file'),
    opts.file ?? 'collection file',
  );
  const name = opts.asName ?? data.name;
  splitPath(name, 'collection');
  if (ws.list().some((c) => c.name === name))
    throw new WorkspaceError(
      `a collection named ${name} already exists; import it under another name`,
      'EEXIST',
    );
  const ids = new Map<string, string>();
  for (const source of data.schemaSources) {
    const { id, ...content } = source;
    ids.set(id, ws.schemaSources.addOrReuse({ ...content, id } as SchemaSourceInput).id);
  }
  ws.createFolder(name);
  for (const folder of data.folders) ws.createFolder(`${name}/${folder}`);
  for (const { path, request } of data.requests) {
    const fixed: SavedRequest =
      request.schemaSource !== undefined
        ? { ...request, schemaSource: ids.get(request.schemaSource) ?? request.schemaSource }
        : request;
    ws.saveRequest(`${name}/${path}`, fixed);
  }
  return { collection: name, requests: data.requests.length };
}
