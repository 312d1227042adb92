// One directory of the machine the engine runs on, for the file browser of the web host: folders
// first, then the files a field wants (.proto files, descriptor sets, certificates), by name.
// Bounded (a folder of a million files answers with every subfolder, the first files by name up to
// `limit` entries, and a count of the rest; only what is returned is stat'ed);
// entries that cannot be looked at (a dangling link, no permission) are skipped, not fatal; a
// folder that cannot be read is an error that says which folder and why.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
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

// One collator for every comparison: far quicker than localeCompare over a folder of many names.
// Made on first use: making one loads ICU's collation data (milliseconds), and this module is
// loaded with the engine by every gwb call, which never lists a folder.
let collator: Intl.Collator | undefined;
const compareNames = (a: string, b: string): number =>
  (collator ??= new Intl.Collator()).compare(a, b);
const byName = (a: Entry, b: Entry): number => compareNames(a.name, b.name);

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

/** What a symbolic link points at; undefined: it cannot be looked at (dangling, looping, gone). */
async function followLink(
  path: string,
): Promise<{ kind: Entry['kind']; size?: number } | undefined> {
  try {
    const s = await stat(path); // follows links
    return s.isDirectory() ? { kind: 'directory' } : { kind: 'file', size: s.size };
  } catch {
    return undefined;
  }
}

/** A file's size; undefined: gone since the folder was read, or no longer a plain file. */
async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

async function readNames(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw unreadable(dir, e);
  }
}

/** The stats run a few at a time: a folder of many links must not open thousands at once. */
async function inBatches<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += 64) {
    out.push(...(await Promise.all(items.slice(i, i + 64).map(run))));
  }
  return out;
}

/**
 * Every folder is listed (a folder left out could not be walked into), then the files the field
 * wants, by name, up to `limit` entries in all. Only what is returned is looked at: plain files
 * are stat'ed for their size after the cut, and symbolic links (which need a stat to know whether
 * they point at a folder) are followed for at most `limit` of them, by name; the rest are counted
 * as omitted.
 */
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
  const folders: Entry[] = [];
  const files: string[] = [];
  const links: string[] = [];
  let hidden = 0;
  for (const d of await readNames(dir)) {
    if (d.name.startsWith('.') && !input.showHidden) hidden++;
    else if (d.isSymbolicLink()) links.push(d.name);
    else if (d.isDirectory())
      folders.push({ name: d.name, path: join(dir, d.name), kind: 'directory' });
    // A plain file that the field does not want is skipped without a stat.
    else if (fileMatches(d.name, input.filter)) files.push(d.name);
  }
  links.sort(compareNames);
  const followed = links.slice(0, input.limit);
  const linkedFiles: Entry[] = [];
  const targets = await inBatches(followed, (name) => followLink(join(dir, name)));
  followed.forEach((name, i) => {
    const what = targets[i];
    if (!what) return;
    const entry: Entry = { name, path: join(dir, name), ...what, link: true };
    if (what.kind === 'directory') folders.push(entry);
    else if (fileMatches(name, input.filter)) linkedFiles.push(entry);
  });
  folders.sort(byName);
  const candidates: { name: string; link?: Entry }[] = [
    ...files.map((name) => ({ name })),
    ...linkedFiles.map((link) => ({ name: link.name, link })),
  ].sort((a, b) => compareNames(a.name, b.name));
  const room = Math.max(0, input.limit - folders.length);
  const kept = candidates.slice(0, room);
  const sizes = await inBatches(kept, (c) =>
    c.link ? Promise.resolve(c.link.size) : sizeOf(join(dir, c.name)),
  );
  const fileEntries: Entry[] = [];
  kept.forEach((c, i) => {
    const size = sizes[i];
    if (c.link) fileEntries.push(c.link);
    else if (size !== undefined)
      fileEntries.push({ name: c.name, path: join(dir, c.name), kind: 'file', size });
  });
  const omitted = candidates.length - kept.length + (links.length - followed.length);
  const parent = dirname(dir);
  return {
    path: dir,
    parent: parent === dir ? null : parent,
    home,
    entries: [...folders, ...fileEntries],
    omitted,
    hidden,
  };
}
