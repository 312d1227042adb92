// Types of scripts/cli-bundle.mjs for the TypeScript tests that build the real gwb.
import type { BuildOptions } from 'esbuild';

export declare const CLI_EXTERNAL: readonly string[];
export declare const NODE_BUNDLE: BuildOptions;
export declare function buildCli(
  dist: string,
  options?: { sourcemap?: BuildOptions['sourcemap'] },
): Promise<void>;
/** The CommonJS text of the node:net module grpc-js gets in deps.cjs (isIPv6 without the regex for colon-less text). */
export declare const NET_FOR_GRPC_JS: string;
/** The CommonJS text of the node:dns module grpc-js gets in deps.cjs (dns.promises.Resolver made on first use). */
/** How many `Object.create({...})` literals sharedBootPrototypes expects in @bufbuild/protobuf's boot.js. */
export declare const BOOT_PROTOTYPE_LITERALS: number;
/** boot.js's text with each `Object.create({...})` literal made a constant created once. */
export declare function sharedBootPrototypes(text: string, file?: string): string;
