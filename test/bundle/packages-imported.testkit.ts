// What a module brings with it: the packages an entry imports statically, directly or through any
// of our modules, on the module graph esbuild sees (as the bundles are built from it).
import { build } from 'esbuild';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '../..');

/** The packages `entry` (a path from the repo's root) imports statically. */
export async function packagesImportedBy(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(repo, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    packages: 'external',
    logLevel: 'error',
    absWorkingDir: repo,
  });
  const packages = new Set<string>();
  for (const input of Object.values(result.metafile.inputs))
    for (const imported of input.imports)
      if (imported.external && imported.kind !== 'dynamic-import') packages.add(imported.path);
  return [...packages].sort();
}
