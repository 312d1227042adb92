import { resolve } from 'node:path';
import protobuf from 'protobufjs';
import { SchemaError, errorText } from './errors.js';
import { findImportCycle } from './import-cycle.js';
import { MissingImports, importLine } from './missing-imports.js';
import { SourceResolver, type SourceFile, type SourceFinder } from './source-files.js';
import { syntaxError } from './syntax-error.js';
import { escapeRegExp, lineOf } from './text-position.js';
import { wellKnownFile } from './wkt.js';
import { addWellKnownToRoot } from './wkt-pbjs.js';
import { requoteFrom } from '../platform/file-excerpt.js';

export interface ParsedFile extends SourceFile {
  pkg: string | undefined;
  /** Import names of the files this one imports (as resolved, so aliases collapse). */
  imports: string[];
  /** Defined from @bufbuild/protobuf's embedded descriptor, not parsed. */
  wellKnown: boolean;
}

export interface ParsedTree {
  root: protobuf.Root;
  /** Every file reached, in discovery order. */
  files: ParsedFile[];
}

const parseOptions: protobuf.IParseOptions = { keepCase: true, alternateCommentMode: true };

// protobufjs reads the current file name from this undeclared property for its error messages.
// Read when parsing, not at load: gwb loads protobufjs only when a command parses .proto files.
const parseState = (): { filename: string | null } =>
  protobuf.parse as unknown as { filename: string | null };

/**
 * Parses the given files and everything they import into one protobufjs root. We drive imports
 * ourselves (instead of root.loadSync) to know which file failed, to search import paths the way
 * protoc does, and to keep protobufjs's bundled google/protobuf JSON out of the way.
 */
export function parseTree(
  inputs: string[],
  importPaths: string[],
  /** Where source text comes from; default: the files on disk, searched in `importPaths`. */
  resolver: SourceFinder = new SourceResolver(importPaths, inputs),
): ParsedTree {
  const root = new protobuf.Root();
  const parsed = new Map<string, ParsedFile>();
  const files: ParsedFile[] = [];

  const addWellKnown = (name: string): void => {
    if (parsed.has(name)) return;
    const desc = wellKnownFile(name)!;
    const file: ParsedFile = {
      name,
      diskPath: name,
      source: '',
      pkg: desc.proto.package,
      imports: desc.proto.dependency,
      wellKnown: true,
    };
    parsed.set(name, file);
    files.push(file);
    for (const dep of desc.proto.dependency) addWellKnown(dep);
    addWellKnownToRoot(root, desc.proto);
  };

  const missing = new MissingImports();
  const stack: SourceFile[] = inputs.map((p) => openInput(resolver, p)).reverse();
  while (stack.length) {
    const src = stack.pop()!;
    const seen = parsed.get(src.name);
    if (seen) {
      if (!seen.wellKnown && resolve(seen.diskPath) !== resolve(src.diskPath)) {
        throw new SchemaError(
          'duplicate',
          `${seen.diskPath} and ${src.diskPath} are both named ${src.name}; give import paths that tell them apart`,
          { file: src.diskPath },
        );
      }
      continue;
    }
    if (wellKnownFile(src.name)) {
      addWellKnown(src.name);
      continue;
    }
    const result = parseOne(src, root, (name) => parsed.get(name)?.diskPath ?? name);
    const file: ParsedFile = { ...src, pkg: result.package, imports: [], wellKnown: false };
    parsed.set(src.name, file);
    files.push(file);
    const pending: SourceFile[] = [];
    const weak = new Set(result.weakImports ?? []);
    for (const imp of [...(result.imports ?? []), ...weak]) {
      if (wellKnownFile(imp)) {
        addWellKnown(imp);
        file.imports.push(imp);
        continue;
      }
      const found = resolver.openImport(imp);
      if (!found) {
        if (!weak.has(imp)) missing.add(src, imp);
        continue;
      }
      file.imports.push(found.name);
      pending.push(found);
    }
    for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]!);
  }
  missing.throwIfAny(resolver.searchDirs, (names) => resolver.missingHint?.(names));
  const cycle = findImportCycle(parsed.keys(), (name) => parsed.get(name)?.imports ?? []);
  if (cycle) throw importCycle(parsed.get(cycle[0]!)!, cycle);
  return { root, files };
}

/**
 * A file named as input. protoc (and grpcurl's parser) know the well-known files by their import
 * name, so `-proto google/protobuf/empty.proto` with no such file on disk is the built-in one, as
 * an import of it already is; a file that is there is read as any other.
 */
function openInput(resolver: SourceFinder, path: string): SourceFile {
  try {
    return resolver.openInput(path);
  } catch (error) {
    const name = path.replaceAll('\\', '/');
    if (error instanceof SchemaError && wellKnownFile(name))
      return { name, diskPath: name, source: '' };
    throw error;
  }
}

function importCycle(src: ParsedFile, cycle: string[]): SchemaError {
  const line = importLine(src.source, cycle[1]!);
  const where = line ? `${src.diskPath}:${line}` : src.diskPath;
  return new SchemaError('missing_import', `${where}: import cycle: ${cycle.join(' -> ')}`, {
    file: src.diskPath,
    ...(line ? { line } : {}),
  });
}

function parseOne(
  src: SourceFile,
  root: protobuf.Root,
  diskPathOf: (name: string) => string,
): protobuf.IParserResult {
  parseState().filename = src.name;
  try {
    return protobuf.parse(src.source, root, parseOptions);
  } catch (err) {
    throw parseError(err, src, root, diskPathOf);
  } finally {
    parseState().filename = null;
  }
}

function parseError(
  err: unknown,
  src: SourceFile,
  root: protobuf.Root,
  diskPathOf: (name: string) => string,
): SchemaError {
  const syntax = syntaxError(err, src);
  if (syntax) return syntax;
  const text = errorText(err);
  const dup = /^duplicate name '([^']+)' in \w+ (\S*)$/.exec(text);
  if (dup) {
    const parent = dup[2]!.replace(/^\./, '');
    const fullName = parent ? `${parent}.${dup[1]}` : dup[1]!;
    const existing = safeLookup(root, fullName);
    const name = escapeRegExp(dup[1]!);
    const line =
      lineOf(src.source, new RegExp(`\\b(message|enum|service|rpc)\\s+${name}\\b`)) ??
      lineOf(src.source, new RegExp(`\\b${name}\\b`));
    const where = line ? `${src.diskPath}:${line}` : src.diskPath;
    const other = existing?.filename;
    const message =
      other && other !== src.name
        ? `${where}: duplicate definition of ${fullName}: already defined in ${diskPathOf(other)}`
        : `${where}: ${fullName} is defined twice`;
    return new SchemaError('duplicate', message, { file: src.diskPath, ...(line ? { line } : {}) });
  }
  const dupId = /^duplicate id (\d+) in \w+ (\S*)$/.exec(text);
  if (dupId) {
    const owner = dupId[2]!.replace(/^\./, '');
    return new SchemaError(
      'duplicate',
      `${src.diskPath}: number ${dupId[1]} is used twice in ${owner}`,
      { file: src.diskPath },
    );
  }
  if (/^path conflicts/.test(text)) {
    return new SchemaError(
      'duplicate',
      `${src.diskPath}: package name clashes with a message of the same name`,
      { file: src.diskPath },
    );
  }
  return new SchemaError('syntax', `${src.diskPath}: ${requoteFrom(src.diskPath, text)}`, {
    file: src.diskPath,
  });
}

function safeLookup(root: protobuf.Root, fullName: string): protobuf.ReflectionObject | null {
  try {
    return root.lookup(fullName);
  } catch {
    return null;
  }
}
