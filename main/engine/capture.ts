// Captures started from the workbench: main/capture's recording proxy (the one `gwb proxy` runs)
// in front of a target given as a connection, its calls recorded into the recordings folder under
// `captured/<capture>/` (so recording.read, replay, diff and mock take them by id) and reported
// live as `capture.calls`. Every capture stops on capture.stop or when the engine closes.

import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CommandError } from '../../shared/contract/errors.js';
import type { Emit, Handlers, Output, ParsedInput } from '../../shared/contract/index.js';
import type { captureCommands } from '../../shared/contract/capture-commands.js';
import { connectionFailureOf } from '../channels/connection-failure.js';
import { toChannelConfig, type ChannelConfig, type ChannelPool } from '../channels/index.js';
import {
  REDACTED_NOTE,
  startCaptureProxy,
  type CaptureProxy,
  type CaptureSchema,
} from '../capture/index.js';
import { fetchReflectionFiles } from '../reflection/index.js';
import { schemaFromFileDescriptors } from '../schema/from-descriptors.js';
import { createCaptureCallFeed, type CaptureCallFeed } from './capture-calls.js';
import { prepareConnection, type PrepareCall } from './prepare-call.js';
import type { SchemaStore } from './schemas.js';

type CaptureCommandName = keyof typeof captureCommands;
export type CaptureHandlers = { [N in CaptureCommandName]: Handlers[N] };
type CaptureView = Output<'capture.start'>;

/** The folder of captured calls, inside the recordings folder. */
export const CAPTURED_FOLDER = 'captured';
/** How long reflection on the target may take before the capture starts without a schema. */
const REFLECTION_TIMEOUT_MS = 5000;
const LISTEN_HOST = '127.0.0.1';

export interface CaptureEngineDeps {
  /** The recordings folder. */
  recordingsDir: string;
  pool: ChannelPool;
  schemas: SchemaStore;
  /** Substitutes variables in the target connection, as for a call. */
  prepareCall: PrepareCall;
  emit: Emit;
}

export interface CaptureEngine {
  handlers: CaptureHandlers;
  close(): Promise<void>;
}

interface Running {
  view: CaptureView;
  proxy: CaptureProxy;
  feed: CaptureCallFeed;
}

/** `20261205T113000-1a2b3c`: sorted by start, unique. */
function captureFolderName(): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, '');
  return `${stamp}-${randomUUID().slice(0, 6)}`;
}

function readPem(file: string, baseDir: string, field: 'certFile' | 'keyFile'): string {
  const full = path.resolve(baseDir, file);
  try {
    return readFileSync(full, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CommandError(
      'invalid_input',
      `tls.${field}: ${full}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      { path: `tls.${field}` },
    );
  }
}

/** Why the proxy could not listen, in words. */
function listenFailure(port: number, error: Error): CommandError {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${LISTEN_HOST}:${port}`;
  const why =
    code === 'EADDRINUSE'
      ? `port ${port} is in use by another program (choose another port, or leave it empty for a free one)`
      : code === 'EACCES'
        ? `port ${port} needs more privileges (use a port above 1024)`
        : /PEM|certificate|key/i.test(error.message)
          ? `the TLS certificate or key cannot be used: ${error.message}`
          : error.message;
  return new CommandError('unavailable', `the capture cannot listen on ${where}: ${why}`, {
    path: 'port',
  });
}

export function createCaptureEngine(deps: CaptureEngineDeps): CaptureEngine {
  const running = new Map<string, Running>();
  /** Set by close(): a start still on its way (reflection takes up to seconds) must not outlive it. */
  let closed = false;

  /** The loaded schema asked for, else reflection on the target; a warning when it is not reachable. */
  async function schemaFor(
    input: ParsedInput<'capture.start'>,
    config: ChannelConfig,
  ): Promise<{ schema?: CaptureSchema; warning?: string }> {
    if (input.schemaId !== undefined) {
      const loaded = deps.schemas.get(input.schemaId);
      const summary = deps.schemas.list().schemas.find((s) => s.schemaId === input.schemaId);
      const source = summary
        ? `${summary.name} (${summary.source.replace('_', ' ')})`
        : 'the loaded schema';
      return { schema: { registry: loaded.registry, source } };
    }
    const lease = deps.pool.lease(config);
    try {
      const reflected = await fetchReflectionFiles(lease, {
        metadata: [],
        deadlineMs: REFLECTION_TIMEOUT_MS,
      });
      const registry = schemaFromFileDescriptors(reflected.files, 'server reflection').registry;
      return { schema: { registry, source: 'server reflection' } };
    } catch (error) {
      const failure = connectionFailureOf((error as Error).message);
      return {
        warning: failure
          ? `the target ${config.shownTarget ?? config.target} is not reachable (${failure.reason}): calls through the capture fail until it is`
          : `no schema from reflection on the target (${(error as Error).message}): messages are kept as bytes`,
      };
    } finally {
      lease.release();
    }
  }

  async function start(input: ParsedInput<'capture.start'>): Promise<CaptureView> {
    const prepared = await prepareConnection(deps.prepareCall, input.target);
    const config = toChannelConfig(prepared.connection, { baseDir: prepared.baseDir });
    const tls = input.tls && {
      cert: readPem(input.tls.certFile, prepared.baseDir, 'certFile'),
      key: readPem(input.tls.keyFile, prepared.baseDir, 'keyFile'),
    };
    const { schema, warning } = await schemaFor(input, config);
    const captureId = `capture-${randomUUID()}`;
    const folder = `${CAPTURED_FOLDER}/${captureFolderName()}`;
    const recordDir = path.join(deps.recordingsDir, ...folder.split('/'));
    mkdirSync(recordDir, { recursive: true, mode: 0o700 });
    const feed = createCaptureCallFeed(deps.recordingsDir, (calls) =>
      deps.emit('capture.calls', { captureId, calls }),
    );
    let proxy: CaptureProxy;
    try {
      proxy = await startCaptureProxy({
        host: LISTEN_HOST,
        port: input.port,
        target: config,
        recordDir,
        ...(tls ? { tls } : {}),
        ...(schema ? { schema } : {}),
        onCallStarted: (call) => feed.started(call),
        onCall: (summary) => feed.ended(summary),
      });
    } catch (error) {
      feed.close();
      throw listenFailure(input.port, error as Error);
    }
    if (closed) {
      await proxy.close();
      feed.close();
      throw new CommandError('unavailable', 'the capture did not start: the workbench is closing');
    }
    const view: CaptureView = {
      captureId,
      listen: `${LISTEN_HOST}:${proxy.port}`,
      port: proxy.port,
      target: config.shownTarget ?? config.target,
      connection: input.target,
      tls: tls !== undefined,
      folder,
      schema: schema?.source ?? 'none: messages are kept as bytes',
      ...(warning !== undefined ? { warning } : {}),
      redacted: REDACTED_NOTE,
    };
    running.set(captureId, { view, proxy, feed });
    return view;
  }

  async function stop(captureId: string): Promise<void> {
    const capture = running.get(captureId);
    if (!capture) throw new CommandError('not_found', `no running capture ${captureId}`);
    running.delete(captureId);
    await capture.proxy.close();
    capture.feed.close();
  }

  const handlers: CaptureHandlers = {
    'capture.start': start,
    'capture.stop': async (input) => {
      await stop(input.captureId);
      return { ok: true as const };
    },
    'capture.list': () => ({
      captures: [...running.values()].map((c) => ({ ...c.view, calls: c.feed.list() })),
    }),
  };

  return {
    handlers,
    async close() {
      closed = true;
      await Promise.all([...running.keys()].map(stop));
    },
  };
}
