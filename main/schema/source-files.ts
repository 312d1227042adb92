import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FILE_LIMITS, FileReadError, readFileText } from '../platform/safe-read.js';
import { SchemaError, errorText } from './errors.js';
import { wellKnownFile } from './wkt.js';

/** A .proto file as found on disk, named the way protoc names it (relative to its import path). */
export interface SourceFile {
  /** The import name, e.g. `google/cloud/language/v1/language_service.proto`. */
  name: string;
  /** The path we read it from, as shown in error messages. */
  diskPath: string;
  source: string;
}

/**
 * Where the parser gets its source text: files on disk (SourceResolver) or a set of files held in
 * memory (ContentsResolver, for dropped files). Both name files the way protoc does.
 */
export interface SourceFinder {
  /** Where imports were looked for, as the missing-import error says it. */
  readonly searchDirs: string[];
  /** A file named as an input. */
  openInput(name: string): SourceFile;
  /** Null when no search folder has the file. */
  openImport(name: string): SourceFile | null;
  /** What to do about imports not found, said after the list of them (none: nothing). */
  missingHint?(names: string[]): string | undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function toImportName(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** An absolute name, or one with a `..` segment, would be looked up outside its import path. */
export function leavesImportPath(name: string): boolean {
  return isAbsolute(name) || name.split(/[\\/]/).includes('..');
}

function readSource(diskPath: string, what: string): string {
  try {
    // Never a FIFO, a device or gigabytes: see safe-read.ts.
    return readFileText(diskPath, { what, limit: FILE_LIMITS.proto });
  } catch (err) {
    const why =
      err instanceof FileReadError
        ? err.code === 'EISDIR'
          ? 'is a directory'
          : err.reason
        : errorText(err);
    throw new SchemaError('io', `cannot read ${what} ${diskPath}: ${why}`, { file: diskPath });
  }
}

/**
 * Finds files by import name the way protoc does (first import path that has it wins), with one
 * leniency users expect from GUI tools: the folders of the files given on the command line are
 * searched too, after the import paths.
 */
export class SourceResolver implements SourceFinder {
  readonly searchDirs: string[];
  private readonly importDirs: string[];
  private readonly byName = new Map<string, SourceFile | null>();
  private readonly byDiskPath = new Map<string, SourceFile>();

  constructor(importPaths: string[], files: string[]) {
    this.importDirs = importPaths.map((p) => resolve(p));
    const dirs = [...importPaths];
    const seen = new Set(this.importDirs);
    for (const f of files) {
      // Names found only inside an import path (`google/api/http.proto`) add no folder of their own.
      if (this.importDirs.length && !isAbsolute(f) && !isFile(f)) continue;
      const dir = dirname(f);
      const abs = resolve(dir);
      if (!seen.has(abs)) {
        seen.add(abs);
        dirs.push(dir);
      }
    }
    this.searchDirs = dirs;
  }

  /** A file named on the command line (a path, not an import name). */
  openInput(path: string): SourceFile {
    // Like protoc and grpcurl: a name that is not a file here may be a name inside an import path.
    if (!isAbsolute(path) && !isFile(path) && this.importDirs.length && !leavesImportPath(path)) {
      const found = this.openImport(toImportName(path));
      if (found) return found;
    }
    const abs = resolve(path);
    let name: string | undefined;
    for (const dir of this.importDirs) {
      const rel = relative(dir, abs);
      if (rel && !rel.startsWith('..') && !isAbsolute(rel)) {
        name = toImportName(rel);
        break;
      }
    }
    name ??= toImportName(relative(resolve(dirname(path)), abs));
    if (wellKnownFile(name)) return { name, diskPath: path, source: '' };
    const known = this.byDiskPath.get(abs);
    if (known) return known;
    const file: SourceFile = { name, diskPath: path, source: readSource(path, 'proto file') };
    this.remember(file, abs);
    return file;
  }

  /** Null when no search folder has the file. */
  openImport(name: string): SourceFile | null {
    refuseEscapingImport(name);
    const cached = this.byName.get(name);
    if (cached !== undefined) return cached;
    let found: SourceFile | null = null;
    for (const dir of this.searchDirs) {
      const diskPath = join(dir, name);
      if (!isFile(diskPath)) continue;
      const abs = resolve(diskPath);
      // The same file reached under two names must be parsed once, or its types clash with themselves.
      found = this.byDiskPath.get(abs) ?? {
        name,
        diskPath,
        source: readSource(diskPath, 'imported file'),
      };
      this.remember(found, abs);
      break;
    }
    this.byName.set(name, found);
    return found;
  }

  private remember(file: SourceFile, abs: string): void {
    this.byDiskPath.set(abs, file);
    if (!this.byName.has(file.name)) this.byName.set(file.name, file);
  }
}

/**
 * As protoc: an import name stays inside its import path. `../../.ssh/id_rsa` in a proto file of a
 * cloned workspace must not read a file from anywhere on the machine.
 */
export function refuseEscapingImport(name: string): void {
  if (leavesImportPath(name))
    throw new SchemaError(
      'missing_import',
      `import "${name}": an import name must not be absolute or contain "..": it is looked up inside the import paths (protoc refuses it too)`,
    );
}
