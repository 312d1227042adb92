// The packaged desktop app ships only the files electron-builder.yml lists. The worker threads'
// bundles sit beside dist/electron/ (scripts/build.mjs); left out, the app would silently fall
// back: the capture proxy reading every connection on the main process's event loop, load tests
// re-running the app's own entry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURE_THREAD_BUNDLE } from '../../main/capture/thread/capture-thread.js';
import { LOAD_WORKER_BUNDLE } from '../../main/load/worker-script.js';

const root = join(import.meta.dirname, '..', '..');

/** The `files:` patterns of electron-builder.yml (a plain list of strings there). */
function packagedPatterns(): string[] {
  const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
  const block = /^files:\n((?:[ \t]+(?:-.*|#.*)\n)+)/m.exec(yml)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => /^\s*-\s*'?([^'#]+?)'?\s*$/.exec(line)?.[1])
    .filter((pattern): pattern is string => pattern !== undefined);
}

function packaged(file: string, patterns: string[]): boolean {
  return patterns.some((p) => p === file || (p.endsWith('/**') && file.startsWith(p.slice(0, -2))));
}

describe('the packaged app', () => {
  it('ships the worker threads’ bundles beside its own', () => {
    const patterns = packagedPatterns();
    expect(packaged('dist/electron/main.cjs', patterns)).toBe(true);
    for (const bundle of [CAPTURE_THREAD_BUNDLE, LOAD_WORKER_BUNDLE])
      expect(packaged(`dist/${bundle}`, patterns), bundle).toBe(true);
  });
});
