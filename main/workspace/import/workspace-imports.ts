import { checkName, safeFileName } from '../store/names.js';
import { WorkspaceError } from '../store/workspace-error.js';
import type { Workspace } from '../workspace.js';
import { parsePostmanCollection } from './postman.js';

/** Saves the gRPC requests of a Postman v2.1 collection as a new collection. */
export function importPostman(
  ws: Workspace,
  text: string,
  opts: { asName?: string; file?: string } = {},
): { collection: string; imported: number; skipped: { name: string; reason: string }[] } {
  const parsed = parsePostmanCollection(text, opts.file);
  const collection = checkName(opts.asName ?? parsed.collectionName, 'collection');
  if (ws.hasFolder(collection))
    throw new WorkspaceError(
      `a collection named ${collection} already exists; import it under another name`,
      'EEXIST',
    );
  ws.batch(() => {
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
  });
  return { collection, imported: parsed.requests.length, skipped: parsed.skipped };
}
