// A whole collection as one file (export/import). Environments and secrets are never included.
// Format 2 carries the saved requests as they are (each with its schema source inline); an export
// of format 1 (with a list of schema sources its requests named by id) still imports.
import { z } from 'zod';
import { lazySchema } from '../../../shared/request/lazy-schema.js';
import { SavedRequestSchema, type SavedRequest } from '../../../shared/workspace/saved-request.js';
import type { FolderNode, TreeNode } from '../../../shared/workspace/tree.js';
import { CollectionExportV1Schema, requestFromV1 } from '../migrate/index.js';
import { parseJsonText, toFileText, validate } from '../store/json-file.js';
import { splitPath } from '../store/names.js';
import { WorkspaceError } from '../store/workspace-error.js';
import type { Workspace } from '../workspace.js';

export const COLLECTION_EXPORT_VERSION = 2;

export const CollectionExportSchema = lazySchema(() =>
  z
    .object({
      format: z.literal('gwb-collection'),
      version: z.literal(COLLECTION_EXPORT_VERSION),
      name: z.string(),
      /** Folders as paths relative to the collection; empty folders are kept. */
      folders: z.array(z.string()),
      requests: z.array(z.object({ path: z.string(), request: SavedRequestSchema }).strict()),
    })
    .strict(),
);
export type CollectionExport = z.infer<typeof CollectionExportSchema>;

function foldersOf(top: FolderNode): string[] {
  const out: string[] = [];
  const walk = (nodes: readonly TreeNode[], prefix: string): void => {
    for (const node of nodes) {
      if (node.kind === 'request') continue;
      const rel = prefix === '' ? node.name : `${prefix}/${node.name}`;
      out.push(rel);
      walk(node.children, rel);
    }
  };
  walk(top.children, '');
  return out;
}

export function exportCollection(ws: Workspace, collection: string): string {
  const paths = ws.requestsUnder(collection);
  const requests = paths.map((p) => ({
    path: p.slice(collection.length + 1),
    request: ws.readRequest(p),
  }));
  const file: CollectionExport = {
    format: 'gwb-collection',
    version: COLLECTION_EXPORT_VERSION,
    name: collection,
    folders: foldersOf(ws.listFolder(collection)),
    requests,
  };
  return toFileText(validate(CollectionExportSchema, file, 'export'));
}

/** Either format, as format 2: format-1 requests get the sources their ids named, inline. */
function readExport(text: string, where: string): CollectionExport {
  const value = parseJsonText(text, where);
  const version =
    value !== null && typeof value === 'object' && 'version' in value
      ? (value as { version: unknown }).version
      : undefined;
  if (version !== 1) return validate(CollectionExportSchema, value, where);
  const old = validate(CollectionExportV1Schema, value, where);
  return {
    format: 'gwb-collection',
    version: COLLECTION_EXPORT_VERSION,
    name: old.name,
    folders: old.folders,
    requests: old.requests.map(({ path, request }, i): { path: string; request: SavedRequest } => ({
      path,
      request: validate(
        SavedRequestSchema,
        {
          version: 2,
          ...requestFromV1(
            request,
            () => old.schemaSources,
            `${where}: requests.${i}`,
            (id) => `no schema source "${id}" in the file's schemaSources; nothing was imported`,
          ).request,
        },
        `${where}: requests.${i}.request`,
      ),
    })),
  };
}

/** Writes the collection under `asName` (default: its own name; must not exist yet). */
export function importCollection(
  ws: Workspace,
  text: string,
  opts: { asName?: string; file?: string } = {},
): { collection: string; requests: number } {
  const where = opts.file ?? 'collection file';
  const data = readExport(text, where);
  const name = opts.asName ?? data.name;
  splitPath(name, 'collection');
  if (ws.hasFolder(name))
    throw new WorkspaceError(
      `a collection named ${name} already exists; import it under another name`,
      'EEXIST',
    );
  ws.batch(() => {
    ws.createFolder(name);
    for (const folder of data.folders) ws.createFolder(`${name}/${folder}`);
    for (const { path, request } of data.requests) ws.saveRequest(`${name}/${path}`, request);
  });
  return { collection: name, requests: data.requests.length };
}
