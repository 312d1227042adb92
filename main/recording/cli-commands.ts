// What `gwb replay`, `gwb mock` and `gwb … -record FILE` run. The CLI parses flags and dispatches
// here; these functions return text and exit codes instead of printing, so they are testable and
// the CLI stays a thin layer.
import * as grpc from '@grpc/grpc-js';
import {
  buildCredentials,
  channelOptions,
  type ChannelConfig,
  type Security,
} from '../channels/index.js';
import type { MetadataEntry } from '../../shared/calls/events.js';
import { diffRecordings, formatDiffSummary, type DiffSummary } from './diff/index.js';
import { readHeader } from './reader/index.js';
import { RecordingError } from './recording-error.js';
import { replayRecording, type ReplaySpeed } from './replay/replay-recording.js';
import { formatMockCall, startMockServer, type MockServer, type MockSpeed } from './mock/index.js';
import {
  createCallRecorder,
  type CallRecorder,
  type CallRecorderOptions,
} from './writer/call-recorder.js';

export interface CommandResult {
  /** 0: no difference; 1: the replay differs; 2: the replay could not be run (message on stderr). */
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ReplayCommandOptions {
  recording: string;
  /** host:port; the recorded target when absent. */
  target?: string;
  /** 1 (default) = the recorded timing; N = N times faster; 'max' = as fast as possible. */
  speed?: ReplaySpeed;
  /** Field paths to leave out of the diff (`at`, `items[*].id`, `headers.x-request-id`). */
  ignore?: string[];
  /** Plain text (no TLS); shorthand for security {kind:'plaintext'}. */
  plaintext?: boolean;
  /** TLS settings; TLS with the system roots when neither this nor plaintext is given. */
  security?: Security;
  authority?: string;
  /** Where the replay's recording goes; `<recording>.replay.ndjson` by default. */
  out?: string;
  /** Instead of the recorded request metadata (e.g. a fresh token). */
  metadata?: MetadataEntry[];
  /** Print the summary as JSON. */
  json?: boolean;
  connectTimeoutMs?: number;
}

export interface ReplayCommandResult extends CommandResult {
  summary?: DiffSummary;
  /** The replay's recording. */
  out?: string;
}

const EXIT_SAME = 0;
const EXIT_DIFFERENT = 1;
const EXIT_ERROR = 2;

export function defaultReplayPath(recording: string): string {
  return `${recording.replace(/\.(ndjson|jsonl)$/, '')}.replay.ndjson`;
}

async function connect(config: ChannelConfig, timeoutMs: number): Promise<grpc.Client> {
  const client = new grpc.Client(
    config.target,
    buildCredentials(config.security),
    channelOptions(config),
  );
  const error = await new Promise<Error | undefined>((resolve) =>
    client.waitForReady(Date.now() + timeoutMs, resolve),
  );
  if (error) {
    client.close();
    throw new Error(
      `cannot connect to ${config.target} within ${timeoutMs / 1000} s (is it up? plaintext or TLS?)`,
    );
  }
  return client;
}

/** `gwb replay RECORDING [--target A] [--speed N|max] [--ignore PATH]…`: exit code 1 on any difference. */
export async function replayCommand(opts: ReplayCommandOptions): Promise<ReplayCommandResult> {
  let client: grpc.Client | undefined;
  try {
    const header = await readHeader(opts.recording);
    const target = opts.target ?? header.target;
    const speed = opts.speed ?? 1;
    if (speed !== 'max' && !(typeof speed === 'number' && Number.isFinite(speed) && speed > 0)) {
      throw new Error(`--speed must be a number above 0 or "max", not ${String(speed)}`);
    }
    const security: Security = opts.plaintext
      ? { kind: 'plaintext' }
      : (opts.security ?? { kind: 'tls' });
    client = await connect(
      { target, security, ...(opts.authority !== undefined ? { authority: opts.authority } : {}) },
      opts.connectTimeoutMs ?? 10_000,
    );
    const out = opts.out ?? defaultReplayPath(opts.recording);
    await replayRecording({
      recording: opts.recording,
      client,
      target,
      out,
      speed,
      ...(opts.metadata ? { metadata: opts.metadata } : {}),
    });
    const summary = await diffRecordings(opts.recording, out, { ignore: opts.ignore ?? [] });
    return {
      exitCode: summary.identical ? EXIT_SAME : EXIT_DIFFERENT,
      stdout: opts.json ? `${JSON.stringify(summary, null, 2)}\n` : formatDiffSummary(summary),
      stderr: '',
      summary,
      out,
    };
  } catch (error) {
    const message =
      error instanceof RecordingError
        ? error.message
        : `replay ${opts.recording}: ${(error as Error).message}`;
    return { exitCode: EXIT_ERROR, stdout: '', stderr: `${message}\n` };
  } finally {
    client?.close();
  }
}

export interface MockCommandOptions {
  /** Recording files or folders of them. */
  inputs: string[];
  /** 0 or absent: a free port. */
  port?: number;
  host?: string;
  speed?: MockSpeed;
  /** Gets one line per call: the method, the recording that served it and why (formatMockCall). */
  log?: (line: string) => void;
}

export interface MockCommandHandle extends MockServer {
  /** What the CLI prints once it listens: address and methods. */
  banner: string;
}

/** `gwb mock RECORDING… [--port N]`: resolves once listening; throws RecordingError on a bad input. */
export async function mockCommand(opts: MockCommandOptions): Promise<MockCommandHandle> {
  const server = await startMockServer({
    recordings: opts.inputs,
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.host !== undefined ? { host: opts.host } : {}),
    ...(opts.speed !== undefined ? { speed: opts.speed } : {}),
    ...(opts.log ? { onCall: (report) => opts.log?.(`${formatMockCall(report)}\n`) } : {}),
  });
  const lines = [
    `mock listening on ${opts.host ?? '127.0.0.1'}:${server.port} (reflection on)`,
    ...server.methods.map((m) => `  ${m}`),
  ];
  return { ...server, banner: `${lines.join('\n')}\n` };
}

export type RecordHookOptions = Omit<CallRecorderOptions, 'path'>;

/**
 * `-record FILE`: spread the result into startCall's options (`keepRaw`, `onEvent`) and call
 * close() after the call is done. Throws RecordingError when the file cannot be created.
 */
export function recordHook(file: string, opts: RecordHookOptions): CallRecorder {
  return createCallRecorder({ ...opts, path: file });
}
