import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The packaged assets folder. The same code runs from source (tests), from esbuild bundles in
 * dist/ and from a packaged app, so we look upwards from this module for the folder instead of
 * hard-coding a relative path; a packaged app points at its copy with GWB_RESOURCES.
 */
export function resourcesDir(): string {
  if (cached) return cached;
  const fromEnv = process.env.GWB_RESOURCES;
  if (fromEnv && existsSync(join(fromEnv, 'protos'))) return (cached = fromEnv);
  let dir = import.meta.dirname;
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'protos', 'example.proto'))) return (cached = candidate);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    `gRPC Workbench resources not found above ${import.meta.dirname}; set GWB_RESOURCES to the resources folder`,
  );
}

export function resourcePath(...parts: string[]): string {
  return join(resourcesDir(), ...parts);
}
