import { startDemoServer } from '../../../main/demo/demo-server.js';
import { untilInterrupted, type CliIo } from '../io.js';
import type { Subcommand } from '../subcommand.js';
import { parseSubcommandOptions } from '../subcommand-options.js';
import { CommandFailure, UsageError } from '../usage-error.js';

export const DEFAULT_DEMO_PORT = 50051;

/** `gwb demo-server [--port N] [--host H]`: serves until io.signal aborts. */
async function runDemoServer(args: string[], io: CliIo): Promise<number> {
  const { options, positional } = parseSubcommandOptions('demo-server', args, {
    port: 'number',
    host: 'string',
  });
  if (positional.length > 0) {
    throw new UsageError(`demo-server takes no arguments, got: ${positional.join(' ')}`);
  }
  const port = options.port ?? DEFAULT_DEMO_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(
      `demo-server: --port must be a port number (0 picks a free one), not ${port}`,
    );
  }
  const host = options.host ?? '127.0.0.1';
  const server = await startDemoServer({ port, host }).catch((error: unknown) => {
    throw new CommandFailure((error as Error).message, { cause: error });
  });
  const shown = host.includes(':') ? `[${host}]` : host;
  io.stdout.write(`Demo server listening on ${shown}:${server.port}\n`);
  io.stdout.write(`Try: gwb -plaintext ${shown}:${server.port} list\n`);
  await untilInterrupted(io.signal);
  await server.close();
  io.stdout.write('Demo server stopped\n');
  return 0;
}

export const demoServerCommand: Subcommand = {
  name: 'demo-server',
  usage: 'demo-server [--port 50051] [--host 127.0.0.1]',
  summary: 'run the demo server (example.proto, reflection, health) until Ctrl-C',
  run: runDemoServer,
};
