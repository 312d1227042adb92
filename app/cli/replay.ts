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
import type { Connection, Protocol } from '../../shared/request/connection.js';
import type { MetadataRow } from '../../shared/request/metadata.js';
import {
  buildRecordingIndex,
  copyRecording,
  readHeader,
  splitAddress,
  replayConnection,
  type ReplaySpeed,
} from '../../main/recording/index.js';
import { recordedProtocol } from '../../main/recording/replay/recorded-protocol.js';
import { unlessInterrupted } from './connection.js';
import { withCliEngine } from './engine-host.js';
import { callConnection, unreachedByStatus, waitsOnGrpcChannel } from './grpc-channel-wait.js';
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
  /**
   * Ctrl-C or SIGTERM: the replay ends at once with Interrupted, its call cancelled (closing the
   * engine cancels it), nothing written where the replay would go.
   */
  signal?: AbortSignal;
}

export interface ReplayOutcome {
  diff: Output<'recording.replay'>['diff'];
  /** The replay's recording. */
  out: string;
}

export function defaultReplayPath(recording: string): string {
  const stem = (file: string): string => file.replace(/\.(ndjson|jsonl|recordings)$/, '');
  // `capture.recordings#3` (one recording of a file of several): `capture.recordings-3.replay.ndjson`,
  // the pack's whole name kept so it cannot meet the replay of a file `capture-3.ndjson`.
  const address = splitAddress(recording);
  return `${address ? `${address.path}-${address.number}` : stem(recording)}.replay.ndjson`;
}

/**
 * The connection and metadata to replay with. With no flag and no --target the engine's default
 * applies, as in the UI: the recorded address, in plain text, over the recorded protocol. Flags
 * are laid over that default: a TLS flag (-cacert, -insecure, …) or -plaintext=false makes it
 * TLS, -protocol replaces the recorded protocol.
 */
function replayRequest(
  input: ReplayInput,
  recordedTarget: string,
  recorded: Protocol | undefined,
): { connection?: Connection; metadata?: MetadataRow[] } {
  const { flags, given } = input.flags;
  if (given.length === 0 && input.target === undefined) return {};
  const base = replayConnection({ target: input.target ?? recordedTarget }, undefined, recorded);
  const tls = given.includes('plaintext') && !flags.plaintext;
  const doc = applyGrpcurlFlags(
    newRequest(tls ? { ...base, security: { kind: 'tls' } } : base),
    flags,
  );
  const headers = flags.H.length + flags['rpc-header'].length > 0;
  return { connection: doc.connection, ...(headers ? { metadata: doc.metadata } : {}) };
}

/** Over HTTP/1.1 the replay's own status says whether it reached the server: if not, an error. */
async function requireReached(replayed: string): Promise<void> {
  const { status } = await buildRecordingIndex(replayed);
  const unreached = unreachedByStatus(status);
  if (unreached) throw unreached;
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
  const recorded = await recordedProtocol(input.recording);
  const request = replayRequest(input, header.target, recorded);
  const out = path.resolve(input.out ?? defaultReplayPath(input.recording));
  // Beside the output, so the replay's recording is moved there, not copied.
  const dataDir = mkdtempSync(path.join(path.dirname(out), '.gwb-replay-'));
  try {
    const folder = path.join(dataDir, 'recordings');
    mkdirSync(folder);
    const id = linkName(input.recording);
    const link = path.join(folder, id);
    // One recording of a file of several is copied out (the engine takes whole files).
    if (splitAddress(input.recording)) await copyRecording(input.recording, link);
    else symlinkSync(path.resolve(input.recording), link);
    const connection = request.connection ?? replayConnection(header, undefined, recorded);
    const result = await withCliEngine({ dataDir }, async (engine) => {
      // An unreachable server is an error (exit 2), not a replay that differs.
      if (waitsOnGrpcChannel(connection))
        await requireServer(
          engine,
          connection,
          connectTimeoutOf(connection, undefined),
          input.signal,
        );
      const replaying = engine.run('recording.replay', {
        id,
        ...request,
        ...(waitsOnGrpcChannel(connection) ? {} : { connection: callConnection(connection) }),
        speed: input.speed,
        ignore: input.ignore,
      });
      return unlessInterrupted(replaying, input.signal);
    }).catch((error: unknown) => {
      // The engine names the link; the user knows the file.
      if (error instanceof Error) error.message = error.message.split(link).join(input.recording);
      throw error;
    });
    const replayed = path.join(folder, ...result.recording.id.split('/'));
    // A replay that got no answer at all may not have reached the server (read only then).
    if (!waitsOnGrpcChannel(connection) && result.recording.received === 0)
      await requireReached(replayed);
    renameSync(replayed, out);
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
