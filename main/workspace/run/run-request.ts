// Runs one saved request with the real engine: schema source, variables, channel, call.
import type * as grpc from '@grpc/grpc-js';
import type { DescMethod } from '@bufbuild/protobuf';
import type { CallEvent, CallStatus, JsonValue } from '../../../shared/calls/events.js';
import type { CallKind } from '../../../shared/schema/model.js';
import type { SavedRequest, SavedMetadataRow } from '../../../shared/workspace/saved-request.js';
import type { SchemaSource } from '../../../shared/workspace/schema-source.js';
import { startCall } from '../../calls/index.js';
import { ChannelPool, type ChannelConfig } from '../../channels/index.js';
import { createMessageCodec, decodeStatusDetails, type MessageCodec } from '../../codec/index.js';
import type { LoadedSchema } from '../../schema/index.js';
import { substituteText } from '../variables/template.js';
import { describeUnknown, makeLookup } from '../variables/substitute-request.js';
import type { Workspace } from '../workspace.js';
import { channelConfigFromSaved, securityFromSaved } from './channel-config.js';
import { formatMessage, formatStatus, STATUS_EXIT_OFFSET } from '../../output/grpcurl-format.js';
import { loadSchemaSource } from './load-schema.js';

/** The shell's exit code for a run ended by Ctrl-C. */
export const INTERRUPTED_EXIT = 130;

const KINDS: Record<DescMethod['methodKind'], CallKind> = {
  unary: 'unary',
  server_streaming: 'server_stream',
  client_streaming: 'client_stream',
  bidi_streaming: 'bidi_stream',
};

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

export interface RunContext {
  workspace: Workspace;
  pool: ChannelPool;
  environment?: string;
  /** Loaded schemas by source key, shared by the requests of one collection run. */
  schemas: Map<string, LoadedSchema>;
  connectTimeoutMs: number;
  recordHistory: boolean;
  /** Ctrl-C: the call in flight is cancelled and the run ends with exit 130. */
  signal?: AbortSignal;
  /** Each response's text as it arrives (a stream prints live); the outcome still holds all of it. */
  onStdout?: (text: string) => void;
}

function failure(message: string, started: number): RunOutcome {
  return {
    exitCode: 1,
    stdout: '',
    stderr: `gwb: ${message}\n`,
    responses: [],
    durationMs: Date.now() - started,
    error: message,
  };
}

function waitReady(client: grpc.Client, config: ChannelConfig, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    client.waitForReady(Date.now() + timeoutMs, (error) => {
      if (error)
        reject(new Error(`failed to connect to ${config.target} within ${timeoutMs / 1000} s`));
      else resolve();
    });
  });
}

function findMethod(schema: LoadedSchema, methodPath: string): DescMethod {
  const [, serviceName = '', methodName = ''] = methodPath.split('/');
  const service = schema.registry.getService(serviceName);
  if (!service) throw new Error(`service ${serviceName} is not in the schema`);
  const method = service.methods.find((m) => m.name === methodName);
  if (!method) throw new Error(`service ${serviceName} has no method ${methodName}`);
  return method;
}

function enabledRows(rows: readonly SavedMetadataRow[]): { key: string; value: string }[] {
  return rows.filter((r) => r.enabled !== false).map(({ key, value }) => ({ key, value }));
}

async function schemaFor(
  ctx: RunContext,
  request: SavedRequest,
  client: grpc.Client,
  lookup: (name: string) => string | undefined,
): Promise<LoadedSchema> {
  const root = ctx.workspace.dir;
  const source: SchemaSource =
    request.schemaSource !== undefined
      ? ctx.workspace.schemaSources.get(request.schemaSource)
      : { id: 'server', kind: 'reflection', address: '' };
  const reflection = source.kind === 'reflection' ? source : undefined;
  const address =
    source.kind === 'reflection' && source.address !== ''
      ? substituteText(source.address, lookup).text
      : request.connection.address;
  const key =
    source.kind === 'reflection'
      ? `reflection:${source.id}:${address}`
      : `${source.kind}:${source.id}`;
  const cached = ctx.schemas.get(key);
  if (cached) return cached;
  const schema = await loadSchemaSource({
    root,
    source,
    reflectionClient: () =>
      reflection && reflection.address !== ''
        ? ctx.pool.get({
            target: address,
            security: reflection.security
              ? securityFromSaved(root, reflection.security)
              : { kind: 'plaintext' },
          })
        : client,
    reflectionMetadata: reflection
      ? enabledRows(reflection.metadata ?? []).map((r) => ({
          key: r.key,
          value: substituteText(r.value, lookup).text,
        }))
      : [],
  });
  ctx.schemas.set(key, schema);
  return schema;
}

export async function runSavedRequest(ctx: RunContext, requestPath: string): Promise<RunOutcome> {
  const started = Date.now();
  let template: SavedRequest;
  try {
    template = ctx.workspace.readRequest(requestPath);
  } catch (error) {
    return failure((error as Error).message, started);
  }
  const prepared = await ctx.workspace
    .prepare(template, ctx.environment)
    .catch((error: Error) => error);
  if (prepared instanceof Error) return failure(`${requestPath}: ${prepared.message}`, started);
  if (prepared.unknown.length > 0)
    return failure(
      `${requestPath}: ${describeUnknown(prepared.unknown)}; nothing was sent`,
      started,
    );
  const request = prepared.request;
  const env = await (ctx.environment === undefined
    ? Promise.resolve(new Map<string, string>())
    : ctx.workspace.environments.resolve(ctx.environment).then((r) => r.values));
  const lookup = makeLookup(env);

  let client: grpc.Client;
  let config: ChannelConfig;
  let schema: LoadedSchema;
  let method: DescMethod;
  try {
    config = channelConfigFromSaved(ctx.workspace.dir, request.connection);
    client = ctx.pool.get(config);
    await waitReady(client, config, ctx.connectTimeoutMs);
    schema = await schemaFor(ctx, request, client, lookup);
    method = findMethod(schema, request.method);
  } catch (error) {
    return failure(`${requestPath}: ${(error as Error).message}`, started);
  }

  const kind = KINDS[method.methodKind];
  const messages: JsonValue[] = Array.isArray(request.body) ? request.body : [request.body];
  const single = kind === 'unary' || kind === 'server_stream';
  if (single && messages.length !== 1)
    return failure(
      `${requestPath}: ${method.name} takes one request message but the body holds ${messages.length}`,
      started,
    );
  let requestCodec: MessageCodec;
  let responseCodec: MessageCodec;
  try {
    requestCodec = createMessageCodec(schema.registry, method.input.typeName, {
      ignoreUnknownFields: request.options.allowUnknownFields ?? false,
    });
    responseCodec = createMessageCodec(schema.registry, method.output.typeName, {
      emitDefaults: request.options.emitDefaults ?? false,
    });
    messages.forEach((m, i) => {
      try {
        requestCodec.encode(m);
      } catch (error) {
        throw new Error(
          `${messages.length > 1 ? `body[${i}]` : 'body'}: ${(error as Error).message}`,
          { cause: error },
        );
      }
    });
  } catch (error) {
    return failure(`${requestPath}: ${(error as Error).message}`, started);
  }

  const responses: JsonValue[] = [];
  let stdout = '';
  const onEvent = (event: CallEvent): void => {
    if (event.type !== 'received') return;
    if (event.message === null) {
      stdout += `(message ${responses.length + 1} could not be decoded: ${event.decodeError ?? 'unknown error'})\n`;
      return;
    }
    responses.push(event.message);
    const text = `${formatMessage(event.message)}\n`;
    stdout += text;
    ctx.onStdout?.(text);
  };
  const session = startCall({
    client,
    path: request.method,
    kind,
    target: config.target,
    requestCodec,
    responseCodec,
    metadata: enabledRows(request.metadata),
    ...(request.deadlineMs !== undefined ? { deadlineMs: request.deadlineMs } : {}),
    decodeStatusDetails: (bin) => decodeStatusDetails(schema.registry, bin).details,
    onEvent,
  });
  try {
    for (const message of messages) session.send(message);
    if (!single) session.halfClose();
  } catch (error) {
    session.cancel();
    await session.done;
    return failure(`${requestPath}: ${(error as Error).message}`, started);
  }
  const cancel = (): void => session.cancel();
  ctx.signal?.addEventListener('abort', cancel, { once: true });
  if (ctx.signal?.aborted) session.cancel();
  const status = await session.done;
  ctx.signal?.removeEventListener('abort', cancel);
  if (ctx.signal?.aborted)
    return {
      exitCode: INTERRUPTED_EXIT,
      stdout,
      stderr: '',
      status,
      responses,
      durationMs: Date.now() - started,
    };
  const durationMs = Date.now() - started;
  if (ctx.recordHistory) {
    // The template goes to history, and any secret value in the event log is redacted.
    ctx.workspace.history.append({
      request: template,
      requestPath,
      ...(ctx.environment !== undefined ? { environment: ctx.environment } : {}),
      status: { code: status.code, message: status.message },
      durationMs,
      events: session.events,
      secrets: prepared.secrets,
    });
  }
  const ok = status.code === 0;
  return {
    exitCode: ok ? 0 : STATUS_EXIT_OFFSET + status.code,
    stdout,
    stderr: ok ? '' : formatStatus(status),
    status,
    responses,
    durationMs,
  };
}
