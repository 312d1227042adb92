// Reads what was dropped on the window into schema.loadContents' files. A dropped folder is walked
// where the browser gives entries (webkitGetAsEntry, Chromium and Electron); its files keep their
// paths inside the drop (`protos/api/greet.proto`), which is how imports among them resolve.
// Files dropped on their own that are neither .proto nor descriptor sets are refused by name;
// other files inside a dropped folder (READMEs, BUILD files) are skipped and counted.
import type { DroppedFile } from '../../shared/contract/schema-contents.js';
import { dropKindOf, dropTooBig, toBase64, type DropKind } from './dropKinds.js';

export interface ReadDrop {
  files: DroppedFile[];
  /** Files dropped on their own that the workbench does not load. */
  refused: string[];
  /** Other files inside dropped folders, left out. */
  skipped: number;
  /** Why nothing was read (too many or too big), if so. */
  problem?: string;
}

interface Found {
  file: File;
  path: string;
  kind: DropKind;
}

/**
 * The dropped items, taken while the drop event runs (the browser empties its DataTransfer
 * afterwards), read afterwards.
 */
export function takeDrop(data: DataTransfer): () => Promise<ReadDrop> {
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  const items = Array.from(data.items).filter((i) => i.kind === 'file');
  for (const item of items) {
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) loose.push(file);
    }
  }
  if (items.length === 0) loose.push(...Array.from(data.files));
  return () => readDropped(entries, loose);
}

async function readDropped(entries: FileSystemEntry[], loose: File[]): Promise<ReadDrop> {
  const found: Found[] = [];
  const refused: string[] = [];
  let skipped = 0;
  const take = (file: File, path: string, inFolder: boolean): void => {
    const kind = dropKindOf(path);
    if (kind) found.push({ file, path, kind });
    else if (inFolder) skipped++;
    else refused.push(path);
  };
  for (const file of loose) take(file, file.name, false);
  for (const entry of entries) {
    if (entry.isFile) take(await fileOf(entry as FileSystemFileEntry), entry.name, false);
    else
      for (const { file, path } of await filesUnder(entry as FileSystemDirectoryEntry))
        take(file, path, true);
  }
  const problem = dropTooBig(
    found.map((f) => ({ entry: { path: f.path, size: f.file.size }, kind: f.kind })),
  );
  if (problem) return { files: [], refused, skipped, problem };
  const files = await Promise.all(found.map(readOne));
  return { files, refused, skipped };
}

async function readOne(f: Found): Promise<DroppedFile> {
  if (f.kind === 'proto') return { kind: 'proto', path: f.path, text: await f.file.text() };
  const bytes = new Uint8Array(await f.file.arrayBuffer());
  return { kind: 'descriptorSet', path: f.path, base64: toBase64(bytes) };
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** How many entries a dropped folder is walked for: a home folder dropped by mistake stops here. */
export const MAX_WALKED_ENTRIES = 20_000;

/**
 * Every file under a dropped folder, with its path from the folder's own name down. Hidden
 * entries (`.git`, `.DS_Store`) are not walked: a checkout's history is no schema.
 */
async function filesUnder(dir: FileSystemDirectoryEntry): Promise<{ file: File; path: string }[]> {
  const out: { file: File; path: string }[] = [];
  let walked = 0;
  const walk = async (folder: FileSystemDirectoryEntry, prefix: string): Promise<void> => {
    for (const child of await allEntries(folder)) {
      if (++walked > MAX_WALKED_ENTRIES)
        throw new Error(
          `${dir.name} holds more than ${MAX_WALKED_ENTRIES} files and folders: drop the folder the service's .proto files are in`,
        );
      if (child.name.startsWith('.')) continue;
      const path = `${prefix}/${child.name}`;
      if (child.isDirectory) await walk(child as FileSystemDirectoryEntry, path);
      else if (child.isFile) out.push({ file: await fileOf(child as FileSystemFileEntry), path });
    }
  };
  await walk(dir, dir.name);
  return out;
}

/** readEntries answers in batches (100 at a time in Chromium) until an empty one. */
async function allEntries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}
