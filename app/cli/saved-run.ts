// `gwb request run`: one saved request through the engine's collection runner — the one `gwb run`
// and the UI's runner use (the saved file read, the command line's flags laid over it, its schema
// loaded, the call made, history kept) — printed and exited as a grpcurl call is: each message as
// it arrives (the call's events, watched once the runner says which call it is), the status on
// stderr, the exit code of the status. Before it, the server is waited for as grpcurl's dial does
// (on a gRPC channel: not over HTTP/1.1, where the call's own status says it was not reached).
import type { CallEvent, CallStatus, JsonValue } from '../../shared/calls/events.js';
import { CommandError } from '../../shared/contract/errors.js';
import type { RequestResult, RunnerProgress } from '../../shared/contract/runner-commands.js';
import type { UnknownVariable } from '../../shared/workspace/tree.js';
import {
  applyGrpcurlFlags,
  GRPCURL_FLAGS,
  type FlagName,
  type GrpcurlFlags,
} from '../../shared/grpcurl/index.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { formatMessage, formatStatus } from '../../main/output/grpcurl-format.js';
import { Interrupted, type ConnectionError } from './connection.js';
import type { CliEngine } from './engine-host.js';
import { errorText } from './error-text.js';
import { EXIT_FAILURE, EXIT_INTERRUPTED, exitCodeOfStatus } from './exit-codes.js';
import {
  callConnectTimeoutWords,
  unreachedByStatus,
  waitsOnGrpcChannel,
} from './grpc-channel-wait.js';
import {
  asConnectionFailure,
  callConnectionFailure,
  connectTimeoutOf,
  waitForServer,
  type ServerWait,
} from './server-wait.js';

/** The call flags a saved-request run takes: how to connect, metadata, deadline, options. */
export const SAVED_RUN_FLAGS: readonly FlagName[] = (
  Object.keys(GRPCURL_FLAGS) as FlagName[]
).filter((name) => {
  const def = GRPCURL_FLAGS[name];
  return (
    def.role === 'request' &&
    (def.group === 'connection' ||
      def.group === 'metadata' ||
      name === 'emit-defaults' ||
      name === 'allow-unknown-fields')
  );
});

export interface RunOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Present when the call was made. */
  status?: CallStatus;
  responses: JsonValue[];
  durationMs: number;
  /** A failure before the call (unknown variable, schema, connection): one line. */
  error?: string;
}

export interface SavedRunContext {
  engine: CliEngine;
  /** The environment whose variables are used; none when absent. */
  environment?: string;
  /** The call flags given on the command line, laid over each saved request. */
  flags: GrpcurlFlags;
  /** The same flags as words, as the runner takes them (run-options.ts callFlagWords). */
  callFlags: string[];
  /** Ctrl-C: the call in flight is cancelled and the run ends with exit 130. */
  signal?: AbortSignal;
  /** Each response's text as it arrives (a stream prints live); the outcome still holds all of it. */
  onStdout?: (text: string) => void;
}

class RunFailure extends Error {}

function describeUnknown(unknown: readonly UnknownVariable[]): string {
  const list = unknown.map((u) => `{{${u.name}}} in ${u.where}`).join(', ');
  return `unknown variable${unknown.length === 1 ? '' : 's'}: ${list}; nothing was sent`;
}

/** The saved request with the command line's flags over it. */
async function readDocument(ctx: SavedRunContext, requestPath: string): Promise<RequestDocument> {
  const saved = await ctx.engine.run('request.read', { path: requestPath });
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the file format's version goes
  const { version, ...doc } = saved.request;
  return applyGrpcurlFlags(doc, ctx.flags);
}

/**
 * How the run tells a server it never reached: the wait for it before the call, or (over
 * HTTP/1.1, where no gRPC channel can wait) the call's own status. An address holding a secret
 * is not waited for (its value never leaves the engine): the call's status reports it as is.
 */
type Reach = { wait: ServerWait } | 'call-status' | undefined;

/** Waits for the server the request goes to, when it can, its variables substituted first. */
async function waitForItsServer(
  ctx: SavedRunContext,
  doc: RequestDocument,
  requestPath: string,
): Promise<Reach> {
  const prepared = await ctx.engine.run('workspace.prepare', {
    request: doc,
    environment: ctx.environment ?? null,
    requestPath,
  });
  if (prepared.unknown.length > 0) throw new RunFailure(describeUnknown(prepared.unknown));
  const { connection, deadlineMs } = prepared.request;
  if (JSON.stringify(connection).includes('[secret:')) return undefined;
  if (!waitsOnGrpcChannel(connection)) return 'call-status';
  return {
    wait: await waitForServer(
      ctx.engine,
      connection,
      connectTimeoutOf(connection, deadlineMs),
      ctx.signal,
    ),
  };
}

/** The call's failure to reach the server, in grpcurl's words, if it had one. */
function unreached(
  reach: Reach,
  status: CallStatus,
  sawHeaders: boolean,
): ConnectionError | undefined {
  if (reach === 'call-status') return unreachedByStatus(status, sawHeaders);
  return reach ? callConnectionFailure(status, sawHeaders, reach.wait) : undefined;
}

interface RunnerOutcome {
  result?: RequestResult;
  cancelled: boolean;
  /** The call's final status as its events said it (with the engine's failure kind). */
  status?: CallStatus;
}

/**
 * Runs the one request through runner.start; its call's events go to `onEvent` as they come. The
 * runner's progress can come before runner.start answers: kept until the run's id is known.
 */
async function runThroughRunner(
  ctx: SavedRunContext,
  requestPath: string,
  onEvent: (event: CallEvent) => void,
): Promise<RunnerOutcome> {
  const { engine } = ctx;
  let runId: string | undefined;
  let status: CallStatus | undefined;
  const early: RunnerProgress[] = [];
  const unwatchCalls: (() => void)[] = [];
  const follow = (progress: RunnerProgress): void => {
    if (progress.runId !== runId || progress.type !== 'call-started') return;
    unwatchCalls.push(
      engine.watchCall(progress.callId, (events) => {
        for (const event of events) {
          if (event.type === 'status') status = event.status;
          onEvent(event);
        }
      }),
    );
  };
  const stop = engine.watchRuns((p) => (runId === undefined ? early.push(p) : follow(p)));
  try {
    ({ runId } = await engine.run('runner.start', {
      target: requestPath,
      // No --env: no environment's variables (not the one the workbench has selected).
      environment: ctx.environment ?? null,
      callFlags: ctx.callFlags,
    }));
    const id = runId;
    for (const p of early.splice(0)) follow(p);
    const cancel = (): void => void engine.run('runner.cancel', { runId: id }).catch(() => {});
    ctx.signal?.addEventListener('abort', cancel, { once: true });
    if (ctx.signal?.aborted) cancel();
    try {
      const run = await engine.run('runner.wait', { runId: id });
      const result = run.results[0];
      return {
        ...(result ? { result } : {}),
        cancelled: run.cancelled,
        ...(status ? { status } : {}),
      };
    } finally {
      ctx.signal?.removeEventListener('abort', cancel);
    }
  } finally {
    stop();
    for (const unwatch of unwatchCalls) unwatch();
  }
}

export async function runSavedRequest(
  ctx: SavedRunContext,
  requestPath: string,
): Promise<RunOutcome> {
  const started = Date.now();
  const responses: JsonValue[] = [];
  let stdout = '';
  try {
    if (ctx.signal?.aborted)
      return { exitCode: EXIT_INTERRUPTED, stdout, stderr: '', responses, durationMs: 0 };
    const doc = await readDocument(ctx, requestPath);
    const reach = await waitForItsServer(ctx, doc, requestPath);
    let sawHeaders = false;
    // The runner reads the request itself: a call that was not waited for gets its connect
    // timeout as a flag word.
    const callFlags = [...ctx.callFlags, ...callConnectTimeoutWords(doc.connection)];
    const run = await runThroughRunner({ ...ctx, callFlags }, requestPath, (event) => {
      if (event.type === 'headers') sawHeaders = true;
      if (event.type !== 'received') return;
      if (event.message === null) {
        stdout += `(message ${responses.length + 1} could not be decoded: ${event.decodeError ?? 'unknown error'})\n`;
        return;
      }
      responses.push(event.message);
      const text = `${formatMessage(event.message)}\n`;
      stdout += text;
      ctx.onStdout?.(text);
    });
    const durationMs = Date.now() - started;
    const status = run.status;
    if (run.cancelled || ctx.signal?.aborted)
      return { exitCode: EXIT_INTERRUPTED, stdout, stderr: '', responses, durationMs };
    if (!status) {
      // Not called: the runner says why (schema, connection, a bad saved file), in its words.
      const error = new CommandError(
        run.result?.errorCode ?? 'internal',
        run.result?.error ?? 'the request was not run',
      );
      throw typeof reach === 'object' ? asConnectionFailure(error, reach.wait) : error;
    }
    const failed = unreached(reach, status, sawHeaders);
    if (failed) throw failed;
    const ok = status.code === 0;
    return {
      exitCode: exitCodeOfStatus(status),
      stdout,
      stderr: ok ? '' : formatStatus(status),
      status,
      responses,
      durationMs,
    };
  } catch (error) {
    // Ctrl-C while waiting for the server: as an interrupted call.
    if (error instanceof Interrupted)
      return {
        exitCode: EXIT_INTERRUPTED,
        stdout,
        stderr: '',
        responses,
        durationMs: Date.now() - started,
      };
    const message = `${requestPath}: ${error instanceof Error ? errorText(error) : String(error)}`;
    return {
      exitCode: EXIT_FAILURE,
      stdout,
      stderr: `gwb: ${message}\n`,
      responses,
      durationMs: Date.now() - started,
      error: message,
    };
  }
}
