import path from 'node:path';
import { resourcesDir } from '../../../main/resources.js';
import { defaultDataDir } from '../../../main/workspace/index.js';
import { startWebHost } from '../../web/index.js';
import { isLoopbackHost } from '../../web/security.js';
import { untilInterrupted, type CliIo } from '../io.js';
import type { Subcommand } from '../subcommand.js';
import { parseSubcommandOptions } from '../subcommand-options.js';
import { CommandFailure, UsageError } from '../usage-error.js';

export const DEFAULT_SERVE_PORT = 7777;

/** The built renderer: dist/renderer beside resources/ in a checkout or an npm install. */
function staticDir(): string {
  return path.join(path.dirname(resourcesDir()), 'dist', 'renderer');
}

/** `gwb serve [--host H] [--port N] [--open] [--data-dir DIR]`: the browser UI until Ctrl-C. */
async function runServe(args: string[], io: CliIo): Promise<number> {
  const { options, positional } = parseSubcommandOptions('serve', args, {
    host: 'string',
    port: 'number',
    open: 'bool',
    'data-dir': 'string',
  });
  if (positional.length > 0) {
    throw new UsageError(`serve takes no arguments, got: ${positional.join(' ')}`);
  }
  const port = options.port ?? DEFAULT_SERVE_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`serve: --port must be a port number (0 picks a free one), not ${port}`);
  }
  const host = await startWebHost({
    host: options.host ?? '127.0.0.1',
    port,
    open: options.open ?? false,
    dataDir: options['data-dir'] ?? defaultDataDir(),
    staticDir: staticDir(),
  }).catch((error: unknown) => {
    throw new CommandFailure((error as Error).message.replace(/^gwb /, ''), { cause: error });
  });
  io.stdout.write(`Workbench UI at ${host.url}\n`);
  const bound = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(bound)) io.stderr.write(plainHttpWarning(bound));
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

export const serveCommand: Subcommand = {
  name: 'serve',
  usage: 'serve [--port 7777] [--host 127.0.0.1] [--open] [--data-dir DIR]',
  summary: 'serve the workbench UI to your browser on loopback, with a per-launch token',
  run: runServe,
};
