import { SchemaError } from './errors.js';
import { refuseEscapingImport, type SourceFile, type SourceFinder } from './source-files.js';
import { wellKnownFile } from './wkt.js';

/** A .proto file held in memory (dropped on the window): its path as dropped, and its text. */
export interface ProtoContents {
  /** `/`-separated and relative, as the browser gave it: `protos/api/greet.proto`, `greet.proto`. */
  path: string;
  text: string;
}

const WHERE = 'the dropped files';

/**
 * Finds .proto files among files held in memory, the way SourceResolver finds them on disk. What
 * the user dropped has no import paths, so every folder among the dropped paths is one, the
 * outermost first (a dropped `protos/` folder is most likely the import root its files name each
 * other from); the well-known google/protobuf files are the ones the engine ships. Inputs are
 * named relative to the folder all dropped files share, as protoc names them relative to `-I`.
 */
export class ContentsResolver implements SourceFinder {
  readonly searchDirs = [WHERE];
  private readonly byPath = new Map<string, ProtoContents>();
  private readonly opened = new Map<string, SourceFile>();
  private readonly byName = new Map<string, SourceFile | null>();
  /** Folders of the dropped files, outermost first (`''` is the drop itself). */
  private readonly folders: string[];
  private readonly shared: string;

  constructor(files: ProtoContents[]) {
    for (const f of files) {
      if (this.byPath.has(f.path))
        throw new SchemaError('duplicate', `${f.path} was dropped twice`, { file: f.path });
      this.byPath.set(f.path, f);
    }
    this.folders = foldersOf(files.map((f) => f.path));
    this.shared = sharedFolder(files.map((f) => f.path));
  }

  openInput(path: string): SourceFile {
    const name = this.shared ? path.slice(this.shared.length + 1) : path;
    // A copy of a well-known file among the drop (googleapis trees carry them) is the shipped one.
    const known = wellKnownSuffix(path);
    if (known) return { name: known, diskPath: path, source: '' };
    return this.open(path, name);
  }

  openImport(name: string): SourceFile | null {
    refuseEscapingImport(name);
    const cached = this.byName.get(name);
    if (cached !== undefined) return cached;
    let found: SourceFile | null = null;
    for (const folder of this.folders) {
      const path = folder ? `${folder}/${name}` : name;
      if (this.byPath.has(path)) {
        found = this.open(path, name);
        break;
      }
    }
    this.byName.set(name, found);
    return found;
  }

  missingHint(names: string[]): string {
    const shown =
      names.length > 3 ? `${names.slice(0, 3).join(', ')} and the others` : names.join(', ');
    return `Drop the folder that holds ${shown} together with the files that import them, or choose the files with Load .proto files… and give the import path.`;
  }

  /** One SourceFile per dropped file, whatever name reached it first (as on disk, by path). */
  private open(path: string, name: string): SourceFile {
    const known = this.opened.get(path);
    if (known) return known;
    const file: SourceFile = { name, diskPath: path, source: this.byPath.get(path)!.text };
    this.opened.set(path, file);
    if (!this.byName.has(name)) this.byName.set(name, file);
    return file;
  }
}

/** Every folder among `paths` and their parents, outermost first, then by name. */
function foldersOf(paths: string[]): string[] {
  const folders = new Set<string>(['']);
  for (const p of paths) {
    const parts = p.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  const depth = (f: string): number => (f === '' ? 0 : f.split('/').length);
  return [...folders].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The folder every path is in (`''` when they share none). */
function sharedFolder(paths: string[]): string {
  const split = paths.map((p) => p.split('/').slice(0, -1));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((s) => s[n] === first[n])) n++;
  return first.slice(0, n).join('/');
}

/** `x/google/protobuf/empty.proto` → `google/protobuf/empty.proto` when that is a shipped file. */
function wellKnownSuffix(path: string): string | undefined {
  const at = path.lastIndexOf('google/protobuf/');
  if (at < 0 || (at > 0 && path[at - 1] !== '/')) return undefined;
  const name = path.slice(at);
  return wellKnownFile(name) ? name : undefined;
}
