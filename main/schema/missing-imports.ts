import { SchemaError } from './errors.js';
import type { SourceFile } from './source-files.js';
import { escapeRegExp, lineOf } from './text-position.js';

interface MissingImport {
  importer: SourceFile;
  name: string;
}

/**
 * The imports no search folder has, gathered over the whole tree so that one run reports all of
 * them, as protoc does (fixing one at a time would take as many runs as there are missing files).
 */
export class MissingImports {
  private readonly missing: MissingImport[] = [];

  add(importer: SourceFile, name: string): void {
    this.missing.push({ importer, name });
  }

  /**
   * One error naming every missing import, its importing file and line, and the folders searched;
   * `hint` may add what to do about them. `details.missing` lists the names (each once).
   */
  throwIfAny(searched: string[], hint?: (names: string[]) => string | undefined): void {
    const first = this.missing[0];
    if (!first) return;
    const dirs = searched.length ? searched.join(', ') : '(no import paths)';
    const lines = this.missing.map(
      (m) => `${where(m)}: import "${m.name}" not found; searched: ${dirs}`,
    );
    const listed =
      lines.length === 1
        ? lines[0]!
        : `${lines.length} imports not found:\n  ${lines.join('\n  ')}`;
    const names = [...new Set(this.missing.map((m) => m.name))];
    const next = hint?.(names);
    const line = lineOfImport(first);
    throw new SchemaError('missing_import', next ? `${listed}\n${next}` : listed, {
      file: first.importer.diskPath,
      ...(line ? { line } : {}),
      missing: names,
    });
  }
}

function where(m: MissingImport): string {
  const line = lineOfImport(m);
  return line ? `${m.importer.diskPath}:${line}` : m.importer.diskPath;
}

function lineOfImport(m: MissingImport): number | undefined {
  return importLine(m.importer.source, m.name);
}

/** The 1-based line of `import "name"` (public or weak too) in `source`, if found. */
export function importLine(source: string, name: string): number | undefined {
  return lineOf(
    source,
    new RegExp(`import\\s+(public\\s+|weak\\s+)?["']${escapeRegExp(name)}["']`),
  );
}
