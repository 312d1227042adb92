// Types of scripts/publish-dir.mjs for its test.
/** Moves staging's files into target with renames (the page last), then drops target's stale files. */
export declare function publishDir(staging: string, target: string): void;
