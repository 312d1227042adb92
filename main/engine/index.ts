// The engine façade: the contract's handlers over the engine modules. It takes callbacks, never
// windows or sockets, so Electron, the web host and the CLI each wire it up in a few lines.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Emit, Handlers } from '../../shared/contract/index.js';
import { createEventBatcher } from './batcher.js';
import { createCallRegistry } from './calls.js';
import { createEngineChannels } from './channels.js';
import { createDemoControl } from './demo.js';
import { withErrorMapping } from './errors.js';
import { capabilities, type HostInfo } from './host.js';
import { createSchemaStore } from './schemas.js';
import { createWorkspaceEngine } from './workspace.js';
import type { HostSecretKey } from './workspace-state.js';
import { createRecordingsEngine } from './recordings.js';

export type { HostInfo } from './host.js';
export type { HostSecretKey } from './workspace-state.js';

export interface EngineOptions {
  /** Where the engine may write; nothing is ever written outside it. */
  dataDir: string;
  emit: Emit;
  host: HostInfo;
  /** Call event batching (defaults: 16 ms, 1,000 events). */
  batchIntervalMs?: number;
  batchMaxEvents?: number;
  /** How many ended calls keep their event log for `call.events` (default 100). */
  keepEndedCalls?: number;
  /** The desktop app seals the secrets key with the OS keychain; others use a key file in dataDir. */
  secretKey?: HostSecretKey;
}

export interface Engine {
  handlers: Handlers;
  close(): Promise<void>;
}

export function createEngine(opts: EngineOptions): Engine {
  mkdirSync(opts.dataDir, { recursive: true });
  const batcher = createEventBatcher({
    emit: (callId, events) => opts.emit('call.events', { callId, events }),
    ...(opts.batchIntervalMs !== undefined ? { intervalMs: opts.batchIntervalMs } : {}),
    ...(opts.batchMaxEvents !== undefined ? { maxBatch: opts.batchMaxEvents } : {}),
  });
  const channels = createEngineChannels(opts.emit);
  const schemas = createSchemaStore(opts.emit, channels.pool);
  const recordings = createRecordingsEngine({
    dir: join(opts.dataDir, 'recordings'),
    schemas,
    pool: channels.pool,
    batcher,
    startCall: (input) => calls.start(input),
    emit: opts.emit,
  });
  const workspace = createWorkspaceEngine({
    dataDir: opts.dataDir,
    emit: opts.emit,
    schemas,
    startCall: (input) => recordings.startCall(input),
    sendMessage: (input) => calls.send(input),
    ...(opts.secretKey ? { secretKey: opts.secretKey } : {}),
  });
  const calls = createCallRegistry(
    schemas,
    channels.pool,
    recordings.batcher,
    opts.keepEndedCalls,
    workspace.onCallEnded,
  );
  const demo = createDemoControl();

  const handlers: Handlers = {
    'host.capabilities': () => capabilities(opts.host),
    'schema.loadProtoFiles': (input) => schemas.loadProtoFiles(input),
    'schema.loadDescriptorSet': (input) => schemas.loadDescriptorSet(input),
    'schema.loadReflection': (input) => schemas.loadReflection(input),
    'schema.merge': (input) => schemas.merge(input),
    'schema.list': () => schemas.list(),
    'schema.get': (input) => schemas.describe(input.schemaId),
    'schema.remove': (input) => schemas.remove(input.schemaId),
    'schema.template': (input) => schemas.template(input.schemaId, input.typeName),
    'channel.state': (input) => channels.state(input),
    'call.start': (input) => recordings.startCall(input),
    'call.send': (input) => calls.send(input),
    'call.halfClose': (input) => calls.halfClose(input.callId),
    'call.cancel': (input) => calls.cancel(input.callId),
    'call.events': (input) => calls.events(input),
    'call.release': (input) => calls.release(input.callId),
    'demo.start': (input) => demo.start(input.port),
    ...workspace.handlers,
    ...recordings.handlers,
  };

  return {
    handlers: withErrorMapping(handlers),
    async close() {
      calls.close();
      await recordings.close();
      workspace.close();
      batcher.flushAll();
      batcher.close();
      channels.close();
      await demo.close();
    },
  };
}
