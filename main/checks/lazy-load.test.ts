// @bufbuild/cel stays out of the engine's start-up: nothing the engine (and so gwb) imports
// statically reaches it; main/checks/load.ts loads it when a request has checks. Read from the
// sources' import statements (type-only imports and import() left out).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(STATIC_IMPORT)].map((m) => m[1] ?? '');
}

/** Every package reached from `entry` through static imports of the project's own files. */
function packagesReached(entry: string): Map<string, string> {
  const packages = new Map<string, string>(); // package → a file importing it
  const seen = new Set<string>();
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (!spec.startsWith('.')) {
        if (!packages.has(spec)) packages.set(spec, file);
        continue;
      }
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (existsSync(target)) queue.push(target);
      else if (existsSync(target.replace(/\.ts$/, '.tsx')))
        queue.push(target.replace(/\.ts$/, '.tsx'));
    }
  }
  return packages;
}

describe('loading CEL', () => {
  it('is not part of what the engine imports at start-up', () => {
    const reached = packagesReached(join(import.meta.dirname, '..', 'engine', 'index.ts'));
    expect(reached.size).toBeGreaterThan(5); // the walk does find the engine's packages
    const cel = [...reached].filter(([name]) => name.startsWith('@bufbuild/cel'));
    expect(cel).toEqual([]);
  });
});
