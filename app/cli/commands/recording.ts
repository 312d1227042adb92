import { mockCommand, RecordingError } from '../../../main/recording/index.js';
import { MAX_SPEED, MIN_SPEED, speedProblem } from '../../../shared/recording/speed.js';
import { errorText } from '../error-text.js';
import { Interrupted } from '../connection.js';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK } from '../exit-codes.js';
import { replayFile, replaySummaryText, REPLAY_FLAGS, type ReplayOutcome } from '../replay.js';
import { untilInterrupted, type CliIo } from '../io.js';
import type { ParsedArgs } from '../flags.js';
import type { Subcommand } from '../subcommand.js';
import { defineSubcommand } from '../subcommand-run.js';
import { MOCK_HELP, REPLAY_HELP } from './recording-help.js';
import { parseSubcommandOptions } from '../subcommand-options.js';
import { CommandFailure, UsageError } from '../usage-error.js';

// The recording commands: replay through the engine (see ../replay.ts), mock from main/recording's
// mock server; these read options and print.

/** gwb replay's exit code when it could not replay at all (0: same, 1: different). */
const EXIT_REPLAY_FAILED = 2;

function parseSpeed(command: string, value: string | undefined): number | 'max' | undefined {
  if (value === undefined || value === 'max') return value;
  const n = Number(value);
  if (value.trim() === '' || speedProblem(n) !== undefined) {
    throw new UsageError(
      `${command}: --speed is a number from ${MIN_SPEED} to ${MAX_SPEED} (1 = as recorded) or max, not ${value}`,
    );
  }
  return n;
}

interface ReplayArgs {
  recording: string;
  target: string | undefined;
  speed: number | 'max';
  ignore: string[];
  out: string | undefined;
  json: boolean;
  flags: ParsedArgs;
}

function parseReplayArgs(args: string[]): ReplayArgs {
  const { options, positional, flags } = parseSubcommandOptions(
    'replay',
    args,
    { target: 'string', speed: 'string', ignore: 'list', out: 'string', json: 'bool' },
    REPLAY_FLAGS,
  );
  const [recording, ...rest] = positional;
  if (recording === undefined) throw new UsageError('needs a RECORDING file');
  if (rest.length > 0) throw new UsageError(`too many arguments: ${rest.join(' ')}`);
  return {
    recording,
    target: options.target,
    speed: parseSpeed('replay', options.speed) ?? 1,
    ignore: options.ignore ?? [],
    out: options.out,
    json: options.json ?? false,
    flags,
  };
}

/**
 * `gwb replay RECORDING [--target A] [--speed N|max] [--ignore PATH]… [call flags]`: exit 0 when
 * the server answers as recorded, 1 on any difference, 2 when it cannot replay.
 */
async function runReplay(args: ReplayArgs, io: CliIo): Promise<number> {
  const { recording } = args;
  let outcome: ReplayOutcome;
  try {
    outcome = await replayFile({
      recording,
      ...(args.target !== undefined ? { target: args.target } : {}),
      speed: args.speed,
      ignore: args.ignore,
      ...(args.out !== undefined ? { out: args.out } : {}),
      flags: args.flags,
      ...(io.signal ? { signal: io.signal } : {}),
    });
  } catch (error) {
    // Ctrl-C: as an interrupted call, nothing to say.
    if (error instanceof Interrupted) return EXIT_INTERRUPTED;
    const message = error instanceof Error ? errorText(error) : String(error);
    const named = error instanceof RecordingError || message.includes(recording);
    io.stderr.write(`gwb: ${named ? message : `replay ${recording}: ${message}`}\n`);
    return EXIT_REPLAY_FAILED;
  }
  for (const path of outcome.diff.unmatchedIgnore ?? [])
    io.stderr.write(unmatchedIgnoreWarning(path));
  if (args.json) {
    const { text: _text, ...diff } = outcome.diff;
    io.stdout.write(
      `${JSON.stringify({ ...diff, recorded: recording, replayed: outcome.out }, null, 2)}\n`,
    );
  } else io.stdout.write(replaySummaryText(recording, outcome));
  return outcome.diff.identical ? EXIT_OK : EXIT_FAILURE;
}

/** A path that matched nothing ignored nothing: most likely a typo, which must not pass silently. */
export function unmatchedIgnoreWarning(path: string): string {
  return `gwb: warning: --ignore ${path} matched no field of either recording, so it ignored nothing (see gwb replay --help for the path syntax)\n`;
}

interface MockArgs {
  inputs: string[];
  port: number;
  host: string | undefined;
  speed: number | 'max' | undefined;
  protocols: 'grpc' | 'all' | undefined;
}

function parseMockArgs(args: string[]): MockArgs {
  const { options, positional } = parseSubcommandOptions('mock', args, {
    port: 'number',
    host: 'string',
    speed: 'string',
    protocols: 'string',
  });
  if (positional.length === 0) throw new UsageError('needs at least one RECORDING or folder');
  const { protocols } = options;
  if (protocols !== undefined && protocols !== 'grpc' && protocols !== 'all')
    throw new UsageError(`mock: --protocols is grpc or all, not ${protocols}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`mock: --port must be a port number (0 picks a free one), not ${port}`);
  }
  return {
    inputs: positional,
    port,
    host: options.host,
    speed: parseSpeed('mock', options.speed),
    protocols,
  };
}

/** `gwb mock RECORDING|FOLDER… [--port N] [--host H] [--speed N|max]`: serves until Ctrl-C. */
async function runMock(
  { inputs, port, host, speed, protocols }: MockArgs,
  io: CliIo,
): Promise<number> {
  const server = await mockCommand({
    inputs,
    port,
    ...(host !== undefined ? { host } : {}),
    ...(speed !== undefined ? { speed } : {}),
    ...(protocols !== undefined ? { protocols } : {}),
    // One line per call: which recording answered it and why (matched, or the default).
    log: (line) => io.stdout.write(line),
  }).catch((error: unknown) => {
    if (error instanceof RecordingError) throw error;
    throw new CommandFailure(`mock: ${(error as Error).message}`, { cause: error });
  });
  io.stdout.write(server.banner);
  io.stderr.write(server.notes); // recordings left out (no schema), or ''
  await untilInterrupted(io.signal);
  await server.close();
  return 0;
}

export const replayCommandLine: Subcommand = defineSubcommand({
  name: 'replay',
  usage:
    'replay RECORDING [--target ADDRESS] [--speed N|max] [--ignore PATH]… [--out FILE] [--json] [call flags]',
  summary:
    "send a recording's client side again and diff the answers; exit 1 on any difference. Plain text to the recorded address unless call flags (-cacert, -insecure, -plaintext=false, -H, …) say otherwise",
  help: REPLAY_HELP,
  parse: parseReplayArgs,
  headerFlags: (args) => args.flags.flags,
  execute: runReplay,
});

export const mockCommandLine: Subcommand = defineSubcommand({
  name: 'mock',
  usage:
    'mock RECORDING|FOLDER… [--port N] [--host 127.0.0.1] [--speed N|max] [--protocols grpc|all]',
  summary: 'serve the recorded server side of recordings (with reflection) until Ctrl-C',
  help: MOCK_HELP,
  parse: parseMockArgs,
  execute: runMock,
});
