// One directory of the machine the engine runs on, for the file browser of the web host: folders
// first, then the files a field wants (.proto files, descriptor sets, certificates), by name.
// Bounded (a folder of a million files answers with the first `limit` and a count of the rest);
// entries that cannot be looked at (a dangling link, no permission) are skipped, not fatal; a
// folder that cannot be read is an error that says which folder and why.
import { opendir, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { WorkbenchError } from '../../shared/contract/errors.js';
import { FILE_EXTENSIONS } from '../../shared/contract/file-commands.js';
import type { ParsedInput, Output } from '../../shared/contract/types.js';

type Listing = Output<'files.list'>;
type Entry = Listing['entries'][number];
export type FileFilter = ParsedInput<'files.list'>['filter'];

/** Whether a file of this name is offered for the field. */
export function fileMatches(name: string, filter: FileFilter): boolean {
  if (filter === 'any') return true;
  if (filter === 'folder') return false;
  return (FILE_EXTENSIONS[filter] as readonly string[]).includes(extname(name).toLowerCase());
}

const byName = (a: Entry, b: Entry): number =>
  a.kind !== b.kind ? (a.kind === 'directory' ? -1 : 1) : a.name.localeCompare(b.name);

function unreadable(dir: string, e: unknown): WorkbenchError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'it does not exist'
      : code === 'ENOTDIR'
        ? 'it is a file, not a folder'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'ELOOP'
            ? 'its symbolic links go round in a loop'
            : (e as Error).message;
  return new WorkbenchError(
    code === 'ENOENT'
      ? 'not_found'
      : code === 'EACCES' || code === 'EPERM'
        ? 'forbidden'
        : 'unavailable',
    `The folder ${dir} cannot be listed: ${why}.`,
    { path: dir, ...(code ? { errno: code } : {}) },
  );
}

/** What a directory entry is, following a symbolic link; undefined: it cannot be looked at. */
async function describe(
  path: string,
  isLink: boolean,
  isDir: boolean,
): Promise<{ kind: Entry['kind']; size?: number } | undefined> {
  if (!isLink && isDir) return { kind: 'directory' };
  try {
    const s = await stat(path); // follows links
    return s.isDirectory() ? { kind: 'directory' } : { kind: 'file', size: s.size };
  } catch {
    return undefined; // dangling link, or gone since the folder was read
  }
}

export async function listDirectory(input: ParsedInput<'files.list'>): Promise<Listing> {
  const home = homedir();
  const asked = input.path ?? home;
  if (!isAbsolute(asked))
    throw new WorkbenchError('invalid_input', `${asked} is not an absolute path.`, { path: asked });
  let dir: string;
  try {
    dir = await realpath(resolve(asked));
  } catch (e) {
    throw unreadable(asked, e);
  }
  let handle;
  try {
    handle = await opendir(dir, { bufferSize: 256 });
  } catch (e) {
    throw unreadable(dir, e);
  }
  const entries: Entry[] = [];
  let omitted = 0;
  let hidden = 0;
  try {
    for await (const d of handle) {
      if (d.name.startsWith('.') && !input.showHidden) {
        hidden++;
        continue;
      }
      const path = join(dir, d.name);
      const link = d.isSymbolicLink();
      // A plain file that the field does not want is skipped without a stat.
      if (!link && !d.isDirectory() && !fileMatches(d.name, input.filter)) continue;
      if (entries.length >= input.limit) {
        omitted++;
        continue;
      }
      const what = await describe(path, link, d.isDirectory());
      if (!what) continue;
      if (what.kind === 'file' && !fileMatches(d.name, input.filter)) continue;
      entries.push({ name: d.name, path, ...what, ...(link ? { link: true } : {}) });
    }
  } catch (e) {
    throw unreadable(dir, e);
  }
  entries.sort(byName);
  const parent = dirname(dir);
  return { path: dir, parent: parent === dir ? null : parent, home, entries, omitted, hidden };
}
