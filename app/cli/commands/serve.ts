import path from 'node:path';
import { resourcesDir } from '../../../main/resources.js';
import { defaultDataDir } from '../../../main/workspace/index.js';
import { startWebHost } from '../../web/index.js';
import { isLoopbackHost } from '../../web/security.js';
import { untilInterrupted, type CliIo } from '../io.js';
import type { Subcommand } from '../subcommand.js';
import { defineSubcommand } from '../subcommand-run.js';
import { parseSubcommandOptions } from '../subcommand-options.js';
import { CommandFailure, UsageError } from '../usage-error.js';

export const DEFAULT_SERVE_PORT = 7777;

/** The built renderer: dist/renderer beside resources/ in a checkout or an npm install. */
function staticDir(): string {
  return path.join(path.dirname(resourcesDir()), 'dist', 'renderer');
}

interface ServeArgs {
  host: string;
  port: number;
  open: boolean;
  dataDir: string | undefined;
}

function parseServeArgs(args: string[]): ServeArgs {
  const { options, positional } = parseSubcommandOptions('serve', args, {
    host: 'string',
    port: 'number',
    open: 'bool',
    'data-dir': 'string',
  });
  if (positional.length > 0) {
    throw new UsageError(`takes no arguments, got: ${positional.join(' ')}`);
  }
  const port = options.port ?? DEFAULT_SERVE_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`serve: --port must be a port number (0 picks a free one), not ${port}`);
  }
  return {
    host: options.host ?? '127.0.0.1',
    port,
    open: options.open ?? false,
    dataDir: options['data-dir'],
  };
}

/** `gwb serve [--host H] [--port N] [--open] [--data-dir DIR]`: the browser UI until Ctrl-C. */
async function runServe(args: ServeArgs, io: CliIo): Promise<number> {
  const host = await startWebHost({
    host: args.host,
    port: args.port,
    open: args.open,
    dataDir: args.dataDir ?? defaultDataDir(),
    staticDir: staticDir(),
  }).catch((error: unknown) => {
    throw new CommandFailure((error as Error).message.replace(/^gwb /, ''), { cause: error });
  });
  io.stdout.write(`Workbench UI at ${host.url}\n`);
  if (!isLoopbackHost(args.host)) io.stderr.write(plainHttpWarning(args.host));
  await untilInterrupted(io.signal);
  await host.close();
  return 0;
}

/**
 * The host speaks plain HTTP: bound beyond loopback, the token in the URL, its cookie and every
 * request and response (secrets' masked forms, messages, files' names) cross the network readable.
 */
export function plainHttpWarning(host: string): string {
  return (
    `gwb: warning: serving on ${host}, which is not a loopback address: the page, its token and ` +
    `every call travel over plain HTTP (no TLS) on the network, where anyone on the path can ` +
    `read the token and take over this engine. Use --host 127.0.0.1 (the default) unless this ` +
    `network is yours alone, or put a TLS proxy in front.\n`
  );
}

export const serveCommand: Subcommand = defineSubcommand({
  name: 'serve',
  usage: 'serve [--port 7777] [--host 127.0.0.1] [--open] [--data-dir DIR]',
  summary: 'serve the workbench UI to your browser on loopback, with a per-launch token',
  help: `The workbench (the same engine and UI as the desktop app) in your browser, until Ctrl-C. The
printed URL carries a token made for this launch: only a browser with it can use the engine.

Options:
  --port N        the port to listen on (default ${DEFAULT_SERVE_PORT}; 0 picks a free one, printed)
  --host ADDRESS  the address to listen on (default 127.0.0.1). Anything but loopback serves
                  plain HTTP to the network, token included: gwb warns
  --open          open the URL in the default browser
  --data-dir DIR  where history, recordings and secrets are kept (default: the workbench's
                  data folder, or $GWB_DATA_DIR)
  -h, --help      this help

Example:
  gwb serve --open
`,
  parse: parseServeArgs,
  execute: runServe,
});
