import { startDemoServer } from '../../../main/demo/demo-server.js';
import type { CliFlags } from '../flags.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';

export const DEFAULT_DEMO_PORT = 50051;

/** `gwb demo-server [--port N] [--host H]`: serves until io.signal aborts (SIGINT/SIGTERM). */
export async function runDemoServer(flags: CliFlags, extra: string[], io: CliIo): Promise<number> {
  if (extra.length > 0)
    throw new UsageError(`demo-server takes no arguments, got: ${extra.join(' ')}`);
  const host = flags.host ?? '127.0.0.1';
  const server = await startDemoServer({ port: flags.port ?? DEFAULT_DEMO_PORT, host });
  const shown = host.includes(':') ? `[${host}]` : host;
  io.stdout.write(`Demo server listening on ${shown}:${server.port}\n`);
  io.stdout.write(`Try: gwb -plaintext ${shown}:${server.port} list\n`);
  await new Promise<void>((resolve) => {
    if (!io.signal || io.signal.aborted) {
      if (io.signal?.aborted) resolve();
      return; // no signal: serve until the process is killed
    }
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.close();
  io.stdout.write('Demo server stopped\n');
  return 0;
}
