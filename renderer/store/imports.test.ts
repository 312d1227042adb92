/* eslint-disable no-restricted-imports -- a test that reads the renderer's source files from disk */
// The store (every module the store reaches from its index) imports without cycles, and no slice
// imports another slice: slices meet only through the store (`get()`), their shared helpers live
// in leaf modules. Type-only imports are erased at build time and do not count. (React components
// that render each other recursively, like nested message forms, are outside the store.)
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

const IMPORT = /^(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s+'(\.{1,2}\/[^']+)'/gms;

/** The relative modules a file imports at run time (not `import type`, not `{ type A }` only). */
export function valueImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const [, typeOnly, clause = '', spec = ''] = m;
    if (typeOnly) continue;
    const names = /^\{([^}]*)\}$/.exec(clause.trim())?.[1];
    if (names !== undefined) {
      const specifiers = names
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (specifiers.length > 0 && specifiers.every((s) => s.startsWith('type '))) continue;
    }
    out.push(spec);
  }
  return out;
}

function resolveSpec(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec).replace(/\.js$/, '');
  for (const ext of ['.ts', '.tsx'])
    try {
      if (statSync(base + ext).isFile()) return base + ext;
    } catch {
      // try the next extension
    }
  return undefined;
}

function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const deps = valueImports(readFileSync(file, 'utf8'))
      .map((spec) => resolveSpec(file, spec))
      .filter((p): p is string => p !== undefined && p.startsWith(root));
    g.set(file, deps);
  }
  return g;
}

/** The part of the graph reachable from `start`. */
function reachable(g: Map<string, string[]>, start: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const todo = [start];
  while (todo.length > 0) {
    const n = todo.pop() as string;
    if (out.has(n)) continue;
    const deps = g.get(n) ?? [];
    out.set(n, deps);
    todo.push(...deps);
  }
  return out;
}

function findCycle(g: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === 'done') return null;
    if (state.get(n) === 'open') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'open');
    stack.push(n);
    for (const d of g.get(n) ?? []) {
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of g.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return null;
}

describe('renderer imports', () => {
  it('reads value imports and ignores type-only ones', () => {
    const text = [
      "import type { A } from './a.js';",
      "import { type B, type C } from './b.js';",
      "import { d, type E } from './d.js';",
      "import {\n  f,\n  g,\n} from './f.js';",
      "export { h } from '../h.js';",
    ].join('\n');
    expect(valueImports(text)).toEqual(['./d.js', './f.js', '../h.js']);
  });

  it('the store has no import cycle', () => {
    const store = reachable(graph(), join(root, 'store', 'index.ts'));
    expect(store.size).toBeGreaterThan(10);
    const cycle = findCycle(store);
    expect(cycle === null ? null : cycle.map((p) => relative(root, p))).toBeNull();
  });

  it('finds a cycle when there is one', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(findCycle(g)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('no slice imports another slice at run time', () => {
    const isSlice = (p: string): boolean => /Slice\.ts$/.test(p);
    const crossings = [...graph()].flatMap(([file, deps]) =>
      isSlice(file)
        ? deps.filter(isSlice).map((d) => `${relative(root, file)} → ${relative(root, d)}`)
        : [],
    );
    expect(crossings).toEqual([]);
  });
});
