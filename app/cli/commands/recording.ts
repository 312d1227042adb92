import { mockCommand, replayCommand, RecordingError } from '../../../main/recording/index.js';
import { parseHeaders } from '../../../main/metadata/index.js';
import { untilInterrupted, type CliIo } from '../io.js';
import type { Subcommand } from '../subcommand.js';
import { parseSubcommandOptions } from '../subcommand-options.js';
import { CommandFailure, UsageError } from '../usage-error.js';

// The recording commands: main/recording does the work and returns what to print
// (see main/recording/cli-commands.ts); these read options and print.

function parseSpeed(command: string, value: string | undefined): number | 'max' | undefined {
  if (value === undefined || value === 'max') return value;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${command}: --speed is a number above 0 or max, not ${value}`);
  }
  return n;
}

/**
 * `gwb replay RECORDING [--target A] [--speed N|max] [--ignore PATH]… [--plaintext] …`:
 * exit 0 when the server answers as recorded, 1 on any difference, 2 when it cannot replay.
 */
async function runReplay(args: string[], io: CliIo): Promise<number> {
  const { options, positional } = parseSubcommandOptions('replay', args, {
    target: 'string',
    speed: 'string',
    ignore: 'list',
    plaintext: 'bool',
    authority: 'string',
    out: 'string',
    json: 'bool',
    H: 'list',
    'connect-timeout': 'number',
  });
  const [recording, ...rest] = positional;
  if (recording === undefined) throw new UsageError('replay needs a RECORDING file');
  if (rest.length > 0) throw new UsageError(`too many arguments: ${rest.join(' ')}`);
  const speed = parseSpeed('replay', options.speed);
  const timeout = options['connect-timeout'];
  const result = await replayCommand({
    recording,
    ...(options.target !== undefined ? { target: options.target } : {}),
    ...(speed !== undefined ? { speed } : {}),
    ...(options.ignore ? { ignore: options.ignore } : {}),
    ...(options.plaintext ? { plaintext: true } : {}),
    ...(options.authority !== undefined ? { authority: options.authority } : {}),
    ...(options.out !== undefined ? { out: options.out } : {}),
    ...(options.json ? { json: true } : {}),
    ...(options.H ? { metadata: parseHeaders(options.H) } : {}),
    ...(timeout !== undefined ? { connectTimeoutMs: Math.round(timeout * 1000) } : {}),
  });
  if (result.stdout) io.stdout.write(result.stdout);
  if (result.stderr) io.stderr.write(`gwb: ${result.stderr}`);
  return result.exitCode;
}

/** `gwb mock RECORDING|FOLDER… [--port N] [--host H] [--speed N|max]`: serves until Ctrl-C. */
async function runMock(args: string[], io: CliIo): Promise<number> {
  const { options, positional } = parseSubcommandOptions('mock', args, {
    port: 'number',
    host: 'string',
    speed: 'string',
  });
  if (positional.length === 0) throw new UsageError('mock needs at least one RECORDING or folder');
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`mock: --port must be a port number (0 picks a free one), not ${port}`);
  }
  const speed = parseSpeed('mock', options.speed);
  const server = await mockCommand({
    inputs: positional,
    port,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(speed !== undefined ? { speed } : {}),
    // One line per call: which recording answered it and why (matched, or the default).
    log: (line) => io.stdout.write(line),
  }).catch((error: unknown) => {
    if (error instanceof RecordingError) throw error;
    throw new CommandFailure(`mock: ${(error as Error).message}`, { cause: error });
  });
  io.stdout.write(server.banner);
  await untilInterrupted(io.signal);
  await server.close();
  return 0;
}

export const replayCommandLine: Subcommand = {
  name: 'replay',
  usage:
    'replay RECORDING [--target ADDRESS] [--speed N|max] [--ignore PATH]… [--plaintext] [--H "k: v"]… [--out FILE] [--json]',
  summary: "send a recording's client side again and diff the answers; exit 1 on any difference",
  run: runReplay,
};

export const mockCommandLine: Subcommand = {
  name: 'mock',
  usage: 'mock RECORDING|FOLDER… [--port N] [--host 127.0.0.1] [--speed N|max]',
  summary: 'serve the recorded server side of recordings (with reflection) until Ctrl-C',
  run: runMock,
};
