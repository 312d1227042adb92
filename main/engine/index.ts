// The engine façade: the contract's handlers over the engine modules. It takes callbacks, never
// windows or sockets, so Electron, the web host and the CLI each wire it up in a few lines.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Emit, Handlers } from '../../shared/contract/index.js';
import { batcherObserver, createEventBatcher } from './batcher.js';
import type { CallObserverFactory } from './call-observer.js';
import { newSpillDir, type CallLogLimits } from './call-log.js';
import { createCallRegistry } from './calls.js';
import { createEngineChannels } from './channels.js';
import { capabilities, type HostInfo } from './host.js';
import { createSchemaStore, schemaInUseObserver } from './schemas.js';
import { loadContents } from './schema-contents.js';
import { createSchemaSources } from './schema-sources.js';
import type { PrepareCall } from './prepare-call.js';
import { createWorkspaceEngine } from './workspace.js';
import type { HostSecretKey } from './workspace-state.js';
import { createRecordingsEngine } from './recordings.js';
import { CaptureScope } from '../checks/capture-scope.js';
import { checksObserver } from './checks-observer.js';
import { closeProtocolConnections } from '../transports/index.js';
import { closeIfBuilt, handlersOnFirstUse, onFirstUse } from './on-first-use.js';
import { closeEach } from './close-each.js';
// Types only: these features load when first used (see on-first-use.ts and createEngine).
import type { LoadEngine } from './load.js';
import type { CaptureEngine } from './capture.js';
import type { Runner } from '../runner/index.js';

export type { HostInfo } from './host.js';
export type { HostSecretKey } from './workspace-state.js';
export type { CallObserver, CallObserverFactory, CallStart } from './call-observer.js';

export interface EngineOptions {
  /** Where the engine may write; nothing is ever written outside it. */
  dataDir: string;
  emit: Emit;
  host: HostInfo;
  /**
   * false: the host reads call events from its own observer and drops `call.events` emits (gwb),
   * so no call's events are batched and emitted for nobody. `call.events` (the call's log, for a
   * client that follows a call late) answers as before. Default true.
   */
  publishCallEvents?: boolean;
  /** Call event batching (defaults: 16 ms, 1,000 events). */
  batchIntervalMs?: number;
  batchMaxEvents?: number;
  /** How many ended calls keep their event log for `call.events` (default 100). */
  keepEndedCalls?: number;
  /**
   * How much of each call's event log stays in memory (default 50k events / 64 MB); older events
   * spill to a file under dataDir so `call.events` still pages through them. `spill: false`
   * drops them instead: gwb prints each event as it comes and keeps nothing it has printed.
   */
  callLog?: CallLogLimits & { spill?: boolean };
  /** The desktop app seals the secrets key with the OS keychain; others use a key file in dataDir. */
  secretKey?: HostSecretKey;
  /** Append ended calls to the workspace's history (default true; the CLI's own runs say false). */
  history?: boolean;
  /**
   * The host's own observers, attached to every call before the engine's (UI batcher, recorder,
   * history): the CLI prints each event as it comes, without the batcher's delay.
   */
  observers?: readonly CallObserverFactory[];
}

export interface Engine {
  handlers: Handlers;
  /**
   * Cancels every running call, `reason` becoming its status message (and the last words of a
   * recording being written); returns how many were running.
   */
  cancelAll(reason: string): number;
  close(): Promise<void>;
}

export function createEngine(opts: EngineOptions): Engine {
  mkdirSync(opts.dataDir, { recursive: true });
  const batcher = createEventBatcher({
    emit: (callId, events) => opts.emit('call.events', { callId, events }),
    ...(opts.batchIntervalMs !== undefined ? { intervalMs: opts.batchIntervalMs } : {}),
    ...(opts.batchMaxEvents !== undefined ? { maxBatch: opts.batchMaxEvents } : {}),
  });
  const workspaceDir = (): string | undefined => workspace.currentDir();
  const prepareCall: PrepareCall = (input) => workspace.prepareCall(input);
  const channels = createEngineChannels(opts.emit, prepareCall);
  const schemas = createSchemaStore(opts.emit, channels.pool, workspaceDir);
  const sources = createSchemaSources({
    store: schemas,
    pool: channels.pool,
    workspaceDir,
    prepareCall,
    trustedFilesPath: join(opts.dataDir, 'trusted-schema-files.json'),
  });
  // Values captured by calls started with call.start, for the session (a run keeps its own).
  const captures = new CaptureScope();
  const workspace = createWorkspaceEngine({
    captured: captures,
    dataDir: opts.dataDir,
    emit: opts.emit,
    schemas,
    loadedFrom: (schemaId) => sources.loadedFrom(schemaId),
    ...(opts.secretKey ? { secretKey: opts.secretKey } : {}),
  });
  const recordings = createRecordingsEngine({
    dir: join(opts.dataDir, 'recordings'),
    pool: channels.pool,
    prepareCall,
    emit: opts.emit,
  });
  // Built when one of their commands first runs: a one-shot gwb command uses none of them.
  const capture = onFirstUse<CaptureEngine>(async () =>
    (await import('./capture.js')).createCaptureEngine({
      recordingsDir: join(opts.dataDir, 'recordings'),
      pool: channels.pool,
      schemas,
      prepareCall,
      emit: opts.emit,
    }),
  );
  const runner = onFirstUse<Runner>(async () =>
    (await import('../runner/index.js')).createRunner({
      emit: opts.emit,
      commands: () => handlers,
      readRequest: (requestPath) => workspace.readRequestShared(requestPath),
      requestPaths: (target) => workspace.requestPaths(target),
      calls: () => calls,
      scratchDir: opts.dataDir,
      flushHistory: () => workspace.flushHistory(),
    }),
  );
  const load = onFirstUse<LoadEngine>(async () =>
    (await import('./load.js')).createLoadEngine({
      emit: opts.emit,
      commands: () => handlers,
      schemas,
      prepareCall,
      workspaceDir,
    }),
  );
  const session = onFirstUse(async () =>
    (await import('./session.js')).createSessionStore(opts.dataDir),
  );
  const demo = onFirstUse(async () => (await import('./demo.js')).createDemoControl());
  const files = onFirstUse(async () => ({
    list: (await import('../files/list-directory.js')).listDirectory,
    pick: (await import('../files/pick-files.js')).noNativeFileDialog,
  }));
  const grpcurl = onFirstUse(async () =>
    (await import('./grpcurl-with-secrets.js')).grpcurlWithSecrets(prepareCall),
  );
  const calls = createCallRegistry({
    schemas,
    pool: channels.pool,
    prepareCall,
    observers: [
      ...(opts.observers ?? []),
      // Before the batcher: captured values are in place before the UI hears the call's end.
      checksObserver(opts.emit, captures),
      ...(opts.publishCallEvents === false ? [] : [batcherObserver(batcher)]),
      // The runner watches only the calls it starts, so none before it is built.
      (start) => runner.now()?.observer(start),
      recordings.recorder,
      ...(opts.history === false ? [] : [workspace.historyObserver]),
      // A running call's schema is not released while older idle ones are.
      schemaInUseObserver(schemas),
    ],
    ...(opts.keepEndedCalls !== undefined ? { keepEndedCalls: opts.keepEndedCalls } : {}),
    ...(opts.callLog
      ? { logLimits: { maxEvents: opts.callLog.maxEvents, maxBytes: opts.callLog.maxBytes } }
      : {}),
    // This engine's own folder: two engines on one data dir (app and web host) never share it.
    ...(opts.callLog?.spill === false ? {} : { spillDir: newSpillDir(opts.dataDir) }),
  });

  const handlers: Handlers = {
    'host.capabilities': () => capabilities(opts.host),
    'schema.loadProtoFiles': (input) => schemas.loadProtoFiles(input),
    'schema.loadDescriptorSet': (input) => schemas.loadDescriptorSet(input),
    'schema.loadReflection': (input) => schemas.loadReflection(input),
    'schema.loadContents': (input) => loadContents(schemas, input),
    'schema.load': (input) => sources.load(input),
    'schema.merge': (input) => schemas.merge(input),
    'schema.list': () => schemas.list(),
    'schema.get': (input) => schemas.describe(input.schemaId),
    'schema.remove': (input) => schemas.remove(input.schemaId),
    'schema.template': (input) => schemas.template(input.schemaId, input.typeName),
    'channel.state': (input) => channels.state(input),
    'call.start': (input) => calls.start(input),
    'call.send': (input) => calls.send(input),
    'call.halfClose': (input) => calls.halfClose(input.callId),
    'call.cancel': (input) => calls.cancel(input.callId),
    'call.events': (input) => calls.events(input),
    'call.release': (input) => calls.release(input.callId),
    'session.read': async () => (await session.get()).read(),
    'session.write': async (input) => (await session.get()).write(input),
    'demo.start': async (input) => (await demo.get()).start(input.port),
    ...workspace.handlers,
    ...recordings.handlers,
    ...handlersOnFirstUse(['runner.start', 'runner.wait', 'runner.cancel'], runner),
    ...handlersOnFirstUse(['load.start', 'load.cancel', 'load.reports', 'load.report'], load),
    ...handlersOnFirstUse(['capture.start', 'capture.stop', 'capture.list'], capture),
    'files.list': async (input) => (await files.get()).list(input),
    'files.pick': async () => (await files.get()).pick(),
    'captures.list': () => ({ captures: captures.view() }),
    'captures.clear': (input) => {
      if (input.names === undefined) captures.clear();
      else for (const name of input.names) captures.delete(name);
      return { ok: true as const };
    },
    'export.grpcurlWithSecrets': async (input) => (await grpcurl.get())(input),
  };

  return {
    handlers,
    cancelAll: (reason) => calls.cancelAll(reason),
    async close() {
      // Every part is closed even when one fails (the rest would stay open and the queued history
      // be lost); the failures are reported together at the end. Only what was built is closed.
      await closeEach([
        ['the collection runner', () => closeIfBuilt(runner)],
        ['the load runner', () => closeIfBuilt(load)],
        ['the capture proxy', () => closeIfBuilt(capture)],
        ['the calls', () => calls.close()],
        ['the recordings', () => recordings.close()],
        ['the history', () => workspace.flushHistory()],
        ['the workspace', () => workspace.close()],
        ['the call events still batched', () => batcher.flushAll()],
        ['the call event batcher', () => batcher.close()],
        ['the channels', () => channels.close()],
        // gRPC-Web and Connect keep their own connections (HTTP/2 sessions pinging, keep-alive
        // agents, proxy tunnels): they close with the engine, as its gRPC channels do.
        ['the gRPC-Web and Connect connections', () => closeProtocolConnections()],
        ['the demo server', () => closeIfBuilt(demo)],
      ]);
    },
  };
}
