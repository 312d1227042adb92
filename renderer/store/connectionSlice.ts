// Where to connect and where the schema comes from; the loaded schema model; the channel state.
import type { StateCreator } from 'zustand';
import type { SchemaModel } from '../../shared/schema/model.js';
import type { JsonValue } from '../../shared/calls/events.js';
import type { ChannelState, Connection, SchemaSummary } from '../../shared/contract/types.js';
import { errorMessage } from '../api/client.js';
import type { WorkbenchState, StoreDeps } from './types.js';
import { parseRows, type MetaRow } from './metadataRows.js';
import { normalizeSchema } from '../form/normalizeSchema.js';

export type SecurityMode = 'plaintext' | 'tls' | 'tls-skip' | 'mtls';
export type SchemaSourceKind = 'reflection' | 'protoFiles' | 'descriptorSet';

export interface ConnectionSettings {
  address: string;
  security: SecurityMode;
  caFile: string;
  certFile: string;
  keyFile: string;
  serverName: string;
  authority: string;
  /** Largest message accepted, in MiB as typed; empty keeps gRPC's default of 4 MiB. */
  maxReceiveMb: string;
}

export interface SchemaSourceSettings {
  kind: SchemaSourceKind;
  reflectionMetadata: MetaRow[];
  /** One path per line. */
  protoFiles: string;
  importPaths: string;
  descriptorSet: string;
}

export interface ConnectionSlice {
  connection: ConnectionSettings;
  source: SchemaSourceSettings;
  schemaId: string | null;
  schema: SchemaModel | null;
  schemaSummary: SchemaSummary | null;
  schemaStatus: 'idle' | 'loading' | 'ready' | 'error';
  schemaError: string | null;
  channelState: ChannelState | null;
  setConnection: (patch: Partial<ConnectionSettings>) => void;
  setSource: (patch: Partial<SchemaSourceSettings>) => void;
  loadSchema: () => Promise<void>;
  startDemo: () => Promise<void>;
  refreshChannel: (connect?: boolean) => Promise<void>;
  /** The engine's example JSON for a message type. */
  fetchTemplate: (typeName: string) => Promise<JsonValue>;
}

export const lines = (s: string): string[] =>
  s
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);

export function toConnection(c: ConnectionSettings): Connection {
  const authority = c.authority.trim() || undefined;
  const maxMb = Number(c.maxReceiveMb);
  const base = {
    target: c.address.trim(),
    ...(authority ? { authority } : {}),
    ...(c.maxReceiveMb.trim() && Number.isFinite(maxMb) && maxMb > 0
      ? { maxReceiveMessageBytes: Math.min(2 ** 31 - 1, Math.round(maxMb * 1024 * 1024)) }
      : {}),
  };
  if (c.security === 'plaintext') return { ...base, security: { kind: 'plaintext' } };
  const opt = (v: string): string | undefined => v.trim() || undefined;
  const tls = {
    kind: 'tls' as const,
    ...(opt(c.caFile) ? { caCertPath: opt(c.caFile) } : {}),
    ...(c.security === 'mtls' && opt(c.certFile) ? { clientCertPath: opt(c.certFile) } : {}),
    ...(c.security === 'mtls' && opt(c.keyFile) ? { clientKeyPath: opt(c.keyFile) } : {}),
    ...(c.security === 'tls-skip' ? { insecureSkipVerify: true } : {}),
    ...(opt(c.serverName) ? { serverName: opt(c.serverName) } : {}),
  };
  return { ...base, security: tls };
}

export const createConnectionSlice =
  (deps: StoreDeps): StateCreator<WorkbenchState, [], [], ConnectionSlice> =>
  (set, get) => ({
    connection: {
      address: 'localhost:50051',
      security: 'plaintext',
      caFile: '',
      certFile: '',
      keyFile: '',
      serverName: '',
      authority: '',
      maxReceiveMb: '',
    },
    source: {
      kind: 'reflection',
      reflectionMetadata: [],
      protoFiles: '',
      importPaths: '',
      descriptorSet: '',
    },
    schemaId: null,
    schema: null,
    schemaSummary: null,
    schemaStatus: 'idle',
    schemaError: null,
    channelState: null,
    setConnection: (patch) => set((s) => ({ connection: { ...s.connection, ...patch } })),
    setSource: (patch) => set((s) => ({ source: { ...s.source, ...patch } })),
    loadSchema: async () => {
      const { source, connection } = get();
      set({ schemaStatus: 'loading', schemaError: null });
      try {
        let summary: SchemaSummary;
        if (source.kind === 'reflection') {
          summary = await deps.client.invoke('schema.loadReflection', {
            connection: toConnection(connection),
            metadata: parseRows(source.reflectionMetadata),
          });
        } else if (source.kind === 'protoFiles') {
          summary = await deps.client.invoke('schema.loadProtoFiles', {
            files: lines(source.protoFiles),
            importPaths: lines(source.importPaths),
          });
        } else {
          summary = await deps.client.invoke('schema.loadDescriptorSet', {
            path: source.descriptorSet.trim(),
          });
        }
        const { model } = await deps.client.invoke('schema.get', { schemaId: summary.schemaId });
        set({
          schemaId: summary.schemaId,
          schemaSummary: summary,
          schema: normalizeSchema(model),
          schemaStatus: 'ready',
        });
        get().markStaleTabs();
        void get().refreshChannel();
      } catch (e) {
        set({ schemaStatus: 'error', schemaError: errorMessage(e) });
      }
    },
    startDemo: async () => {
      try {
        const r = await deps.client.invoke('demo.start', { port: 0 });
        set((s) => ({
          connection: { ...s.connection, address: r.target, security: 'plaintext', authority: '' },
          source: { ...s.source, kind: 'reflection' },
        }));
        get().setWelcome(false);
        await get().loadSchema();
      } catch (e) {
        set({ schemaStatus: 'error', schemaError: errorMessage(e) });
      }
    },
    fetchTemplate: async (typeName) => {
      const schemaId = get().schemaId;
      if (!schemaId) throw new Error('no schema loaded');
      const r = await deps.client.invoke('schema.template', { schemaId, typeName });
      return r.template as JsonValue;
    },
    refreshChannel: async (connect = false) => {
      const c = get().connection;
      if (!c.address.trim()) return;
      try {
        const r = await deps.client.invoke('channel.state', {
          connection: toConnection(c),
          connect,
        });
        set({ channelState: r.state });
      } catch {
        set({ channelState: null });
      }
    },
  });
