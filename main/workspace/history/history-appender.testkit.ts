// The child process of the history tests that kill or exit it mid-write: testdata/history-appender.ts
// bundled (apart from history.testkit.ts, which the appender itself imports).
import path from 'node:path';
import { build } from 'esbuild';

/** testdata/history-appender.ts bundled into `dir`, so the child starts as a plain node process. */
export async function bundleHistoryAppender(dir: string): Promise<string> {
  const appender = path.join(dir, 'history-appender.mjs');
  await build({
    entryPoints: [path.join(import.meta.dirname, 'testdata', 'history-appender.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: appender,
    logLevel: 'error',
  });
  return appender;
}
