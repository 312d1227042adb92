// The `gwb` process: bundled to dist/cli.cjs, which bin/gwb.cjs loads.
import { main } from './main.js';

// Node's deprecation notices (e.g. TLS ServerName set to an IP by grpc-js) are not for gwb's users.
process.noDeprecation = true;

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => controller.abort());
}

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
    // Stop listening so the process can exit once output is flushed.
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
  },
  (error: unknown) => {
    process.stderr.write(`gwb: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
