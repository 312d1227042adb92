// The channel layer loads no zod: connection → channel takes only types and the zod-free
// `targetOf` from shared/request, so a command that only opens channels (`gwb list` over
// reflection) does not pay for building the request document's schemas here. Checked on the
// module graph esbuild sees, as the gwb bundle is built from it.
import { build } from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');

/** The packages `entry` imports statically, directly or through any of our modules. */
async function packagesImportedBy(entry: string): Promise<string[]> {
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

describe('main/channels', () => {
  it('loads no zod', async () => {
    const packages = await packagesImportedBy('main/channels/index.ts');
    expect(packages).toContain('@grpc/grpc-js');
    expect(packages).not.toContain('zod');
  });
});
