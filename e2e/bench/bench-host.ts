// The bench's server side in a process of its own: the fast Tail gRPC server and the web host
// (engine included), as `gwb serve` would run them. In the Playwright process they would share
// its event loop and its async hooks, and the engine would look slower than it is.
// Prints one JSON line {url, grpcPort}; stops when its stdin closes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWebHost } from '../../app/web/index.js';
import { startFastTailServer } from '../fixtures/fast-tail-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'gwb-bench-'));
const server = await startFastTailServer();
const host = await startWebHost({
  port: 0,
  dataDir,
  staticDir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
});
process.stdout.write(`${JSON.stringify({ url: host.url, grpcPort: server.port })}\n`);

const stop = async (): Promise<void> => {
  await host.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
