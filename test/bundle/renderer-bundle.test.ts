// The page must load fast: zod (~450 KB minified) once made a ~490 ms long task at page load.
// The renderer reaches the contract through type-only imports and zod-free guards; this keeps it so.
import { describe, it, expect } from 'vitest';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('renderer bundle', () => {
  it('contains no zod and stays under 920 KB minified', async () => {
    const result = await build({
      entryPoints: { app: `${root}renderer/main.tsx` },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      jsx: 'automatic',
      minify: true,
      write: false,
      outdir: `${root}.tmp/bundle-test`,
      metafile: true,
      loader: { '.woff2': 'file', '.svg': 'file', '.png': 'file' },
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    const js = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
    expect(js).toBeDefined();
    const zodInputs = Object.keys(js?.inputs ?? {}).filter((p) => p.includes('node_modules/zod/'));
    expect(
      zodInputs,
      'a renderer module imports zod at run time (use `import type` or shared/wire/envelope-guards.ts)',
    ).toEqual([]);
    // 900,133 bytes at the workbench's listing of files of several recordings (was 899,936): the
    // budget catches a package pulled in by mistake (zod alone is ~450 KB), not a feature's bytes.
    expect(js?.bytes ?? Infinity).toBeLessThan(920_000);
  });
});
