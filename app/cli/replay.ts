// `gwb replay RECORDING`: the engine's recording.replay (the one call session, its watchdog and
// guards) on a recording anywhere on disk. The engine replays recordings of its recordings folder,
// so gwb gives it one holding a link to the file, next to where the replay's recording goes, and
// moves that recording to its place afterwards.
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import type { Output } from '../../shared/contract/index.js';
import {
  applyGrpcurlFlags,
  GRPCURL_FLAGS,
  type FlagName,
  type ParsedGrpcurl,
} from '../../shared/grpcurl/index.js';
import { newRequest } from '../../shared/request/document.js';
import type { Connection } from '../../shared/request/connection.js';
import type { MetadataRow } from '../../shared/request/metadata.js';
import { readHeader, replayConnection, type ReplaySpeed } from '../../main/recording/index.js';
import { withCliEngine } from './engine-host.js';
import { connectTimeoutOf, requireServer } from './server-wait.js';

/** The call flags replay takes: how to connect, and metadata to send instead of the recorded. */
export const REPLAY_FLAGS: readonly FlagName[] = (Object.keys(GRPCURL_FLAGS) as FlagName[]).filter(
  (name) =>
    GRPCURL_FLAGS[name].role === 'request' &&
    (GRPCURL_FLAGS[name].group === 'connection' || name === 'H' || name === 'rpc-header') &&
    name !== 'max-time',
);

export interface ReplayInput {
  recording: string;
  /** Instead of the recorded address. */
  target?: string;
  speed: ReplaySpeed;
  ignore: string[];
  /** Where the replay's recording goes; `<recording>.replay.ndjson` by default. */
  out?: string;
  flags: ParsedGrpcurl;
}

export interface ReplayOutcome {
  diff: Output<'recording.replay'>['diff'];
  /** The replay's recording. */
  out: string;
}

export function defaultReplayPath(recording: string): string {
  return `${recording.replace(/\.(ndjson|jsonl)$/, '')}.replay.ndjson`;
}

/**
 * The connection and metadata to replay with. With no flag and no --target the engine's default
 * applies, as in the UI: the recorded address, in plain text. Flags are laid over that default:
 * a TLS flag (-cacert, -insecure, …) or -plaintext=false makes it TLS.
 */
function replayRequest(
  input: ReplayInput,
  recordedTarget: string,
): { connection?: Connection; metadata?: MetadataRow[] } {
  const { flags, given } = input.flags;
  if (given.length === 0 && input.target === undefined) return {};
  const base = replayConnection({ target: input.target ?? recordedTarget });
  const tls = given.includes('plaintext') && !flags.plaintext;
  const doc = applyGrpcurlFlags(
    newRequest(tls ? { ...base, security: { kind: 'tls' } } : base),
    flags,
  );
  const headers = flags.H.length + flags['rpc-header'].length > 0;
  return { connection: doc.connection, ...(headers ? { metadata: doc.metadata } : {}) };
}

/** A name the recordings folder takes (its ids allow letters, digits and `_ . + = @ -`). */
const linkName = (recording: string): string =>
  path
    .basename(recording)
    .replace(/[^A-Za-z0-9_.+=@-]/g, '_')
    .replace(/(\.ndjson)?$/, '.ndjson');

export async function replayFile(input: ReplayInput): Promise<ReplayOutcome> {
  // Read here first: a missing or broken file is named as the user gave it.
  const header = await readHeader(input.recording);
  const request = replayRequest(input, header.target);
  const out = path.resolve(input.out ?? defaultReplayPath(input.recording));
  // Beside the output, so the replay's recording is moved there, not copied.
  const dataDir = mkdtempSync(path.join(path.dirname(out), '.gwb-replay-'));
  try {
    const folder = path.join(dataDir, 'recordings');
    mkdirSync(folder);
    const id = linkName(input.recording);
    const link = path.join(folder, id);
    symlinkSync(path.resolve(input.recording), link);
    const connection = request.connection ?? replayConnection(header);
    const result = await withCliEngine({ dataDir }, async (engine) => {
      // An unreachable server is an error (exit 2), not a replay that differs.
      await requireServer(engine, connection, connectTimeoutOf(connection, undefined));
      return engine.run('recording.replay', {
        id,
        ...request,
        speed: input.speed,
        ignore: input.ignore,
      });
    }).catch((error: unknown) => {
      // The engine names the link; the user knows the file.
      if (error instanceof Error) error.message = error.message.split(link).join(input.recording);
      throw error;
    });
    renameSync(path.join(folder, ...result.recording.id.split('/')), out);
    return { diff: result.diff, out };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The summary as gwb replay prints it: the engine's text, naming the files by their paths. */
export function replaySummaryText(recording: string, outcome: ReplayOutcome): string {
  const lines = outcome.diff.text.split('\n');
  lines[1] = `  recorded: ${recording}`;
  lines[2] = `  replayed: ${outcome.out}`;
  return lines.join('\n');
}
