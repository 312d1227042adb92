// One saved request run through the engine, for `gwb request run` and `gwb run`: read it, lay the
// command line's flags over it, load its schema, wait for its server, call — the same call path
// as the UI's Send (variables substituted and history kept by the engine).
import type { CallStatus, JsonValue } from '../../shared/calls/events.js';
import type { UnknownVariable } from '../../shared/workspace/tree.js';
import {
  applyGrpcurlFlags,
  GRPCURL_FLAGS,
  type FlagName,
  type GrpcurlFlags,
} from '../../shared/grpcurl/index.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { formatMessage, formatStatus } from '../../main/output/grpcurl-format.js';
import { runCall } from './call-runner.js';
import type { CliEngine } from './engine-host.js';
import { errorText } from './error-text.js';
import { EXIT_FAILURE, EXIT_INTERRUPTED, exitCodeOfStatus } from './exit-codes.js';
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
 * Waits for the server the request goes to, its variables substituted first. An address holding
 * a secret is not waited for here (its value never leaves the engine): the call reports it.
 */
async function waitForItsServer(
  ctx: SavedRunContext,
  doc: RequestDocument,
  requestPath: string,
): Promise<ServerWait | undefined> {
  const prepared = await ctx.engine.run('workspace.prepare', {
    request: doc,
    environment: ctx.environment ?? null,
    requestPath,
  });
  if (prepared.unknown.length > 0) throw new RunFailure(describeUnknown(prepared.unknown));
  const { connection, deadlineMs } = prepared.request;
  if (JSON.stringify(connection).includes('[secret:')) return undefined;
  return waitForServer(ctx.engine, connection, connectTimeoutOf(connection, deadlineMs));
}

export async function runSavedRequest(
  ctx: SavedRunContext,
  requestPath: string,
): Promise<RunOutcome> {
  const started = Date.now();
  const responses: JsonValue[] = [];
  let stdout = '';
  try {
    const doc = await readDocument(ctx, requestPath);
    const wait = await waitForItsServer(ctx, doc, requestPath);
    const unreached = (error: unknown): unknown =>
      wait ? asConnectionFailure(error, wait) : error;
    const { schemaId } = await ctx.engine
      .run('schema.load', {
        ...(doc.schema ? { source: doc.schema } : {}),
        connection: doc.connection,
      })
      .catch((error: unknown) => {
        throw unreached(error);
      });
    let sawHeaders = false;
    const result = await runCall(ctx.engine, {
      schemaId,
      request: doc,
      environment: ctx.environment ?? null,
      requestPath,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      onEvent: (event) => {
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
      },
    });
    const durationMs = Date.now() - started;
    const status = result.status;
    if (result.interrupted)
      return { exitCode: EXIT_INTERRUPTED, stdout, stderr: '', responses, durationMs };
    const failed = wait ? callConnectionFailure(status, sawHeaders, wait) : undefined;
    if (failed) throw failed;
    const ok = status?.code === 0;
    return {
      exitCode: status ? exitCodeOfStatus(status) : EXIT_FAILURE,
      stdout,
      stderr: ok || !status ? '' : formatStatus(status),
      ...(status ? { status } : {}),
      responses,
      durationMs,
    };
  } catch (error) {
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
