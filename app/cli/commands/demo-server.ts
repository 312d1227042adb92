import { startDemoServer } from '../../../main/demo/demo-server.js';
import { untilInterrupted, type CliIo } from '../io.js';
import type { Subcommand } from '../subcommand.js';
import { defineSubcommand } from '../subcommand-run.js';
import { parseSubcommandOptions } from '../subcommand-options.js';
import { CommandFailure, UsageError } from '../usage-error.js';

export const DEFAULT_DEMO_PORT = 50051;

interface DemoServerArgs {
  port: number;
  host: string;
}

function parseDemoServerArgs(args: string[]): DemoServerArgs {
  const { options, positional } = parseSubcommandOptions('demo-server', args, {
    port: 'number',
    host: 'string',
  });
  if (positional.length > 0) {
    throw new UsageError(`takes no arguments, got: ${positional.join(' ')}`);
  }
  const port = options.port ?? DEFAULT_DEMO_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(
      `demo-server: --port must be a port number (0 picks a free one), not ${port}`,
    );
  }
  return { port, host: options.host ?? '127.0.0.1' };
}

/** `gwb demo-server [--port N] [--host H]`: serves until io.signal aborts. */
async function runDemoServer({ port, host }: DemoServerArgs, io: CliIo): Promise<number> {
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

export const demoServerCommand: Subcommand = defineSubcommand({
  name: 'demo-server',
  usage: 'demo-server [--port 50051] [--host 127.0.0.1]',
  summary: 'run the demo server (example.proto, reflection, health) until Ctrl-C',
  help: `A gRPC server to try gwb and the workbench on: the services of example.proto (unary, server,
client and bidirectional streams, errors with details), server reflection and grpc.health.v1.
Plain text (no TLS).

Options:
  --port N        the port to listen on (default ${DEFAULT_DEMO_PORT}; 0 picks a free one, printed)
  --host ADDRESS  the address to listen on (default 127.0.0.1)
  -h, --help      this help

Example:
  gwb demo-server --port 50051 &
  gwb -plaintext localhost:50051 list
`,
  parse: parseDemoServerArgs,
  execute: runDemoServer,
});
