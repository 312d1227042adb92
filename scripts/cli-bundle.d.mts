// Types of scripts/cli-bundle.mjs for the TypeScript tests that build the real gwb.
import type { BuildOptions } from 'esbuild';

export declare const CLI_EXTERNAL: readonly string[];
export declare const NODE_BUNDLE: BuildOptions;
export declare function buildCli(
  dist: string,
  options?: { sourcemap?: BuildOptions['sourcemap'] },
): Promise<void>;
