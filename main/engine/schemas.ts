// Loaded schemas, kept by id. Each load reports progress as `schema.progress` events so the UI can
// show a long googleapis load working, and failures carry the loader's file/line/column.

import { randomUUID } from 'node:crypto';
// From their own modules, not ../schema/index.js, which also brings the .proto parser.
import {
  loadDescriptorSetFile,
  schemaFromFileDescriptors,
  type LoadedSchema,
} from '../schema/from-descriptors.js';
import { mergeSchemas } from '../schema/merge.js';
import { fetchReflectionFiles } from '../reflection/index.js';
import { reflectionClientFor } from '../transports/index.js';
import { lookUpPackedTypesByReflection } from './reflected-packed-types.js';
import { messageTemplate } from '../codec/index.js';
import { CommandError } from '../../shared/contract/errors.js';
import type {
  Emit,
  EventPayload,
  Output,
  ParsedInput,
  SchemaSummary,
} from '../../shared/contract/index.js';
import { toChannelConfig, type ChannelPool } from '../channels/index.js';
import { targetOf } from '../../shared/request/connection.js';
import type { CallObserverFactory } from './call-observer.js';

interface Entry {
  summary: SchemaSummary;
  schema: LoadedSchema;
  /** Running calls that encode with it: such a schema is never released. */
  users: number;
}

/**
 * How many schemas no running call uses are kept (least recently used released first): every
 * load used to stay for the life of the engine (400 loads, 607 MB). A tab's schema is used each
 * time it calls, so the schemas of open tabs stay unless there are more than this many.
 */
export const MAX_IDLE_SCHEMAS = 32;

type Source = SchemaSummary['source'];

/** Loads one schema: what it is, a name for it, and the loader. */
export type SchemaLoader = () => Promise<{
  schema: LoadedSchema;
  reflectionVersion?: 'v1' | 'v1alpha';
}>;

export interface SchemaStore {
  /** The schema, now the most recently used. */
  get(schemaId: string): LoadedSchema;
  /**
   * Marks the schema in use until the returned function is called (once is enough; more calls do
   * nothing): it is not released meanwhile. A schema the store no longer holds needs no marking.
   */
  retain(schema: LoadedSchema): () => void;
  /** Runs a loader with progress events and keeps what it loads under a new id. */
  add(
    source: Source,
    name: string,
    progressId: string | undefined,
    run: SchemaLoader,
  ): Promise<SchemaSummary>;
  loadProtoFiles(
    input: ParsedInput<'schema.loadProtoFiles'>,
  ): Promise<Output<'schema.loadProtoFiles'>>;
  loadDescriptorSet(
    input: ParsedInput<'schema.loadDescriptorSet'>,
  ): Promise<Output<'schema.loadDescriptorSet'>>;
  loadReflection(
    input: ParsedInput<'schema.loadReflection'>,
  ): Promise<Output<'schema.loadReflection'>>;
  merge(input: ParsedInput<'schema.merge'>): Promise<Output<'schema.merge'>>;
  list(): Output<'schema.list'>;
  describe(schemaId: string): Output<'schema.get'>;
  remove(schemaId: string): Output<'schema.remove'>;
  template(schemaId: string, typeName: string): Output<'schema.template'>;
}

/** Lets a just-emitted progress event leave before a synchronous load blocks the loop. */
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createSchemaStore(
  emit: Emit,
  pool: ChannelPool,
  /** Where relative certificate files of a reflection connection start (the open workspace). */
  baseDir: () => string | undefined = () => undefined,
  maxIdle: number = MAX_IDLE_SCHEMAS,
): SchemaStore {
  /** In use order: the least recently used first (a Map iterates in insertion order). */
  const entries = new Map<string, Entry>();
  const bySchema = new WeakMap<LoadedSchema, Entry>();

  function entry(schemaId: string): Entry {
    const found = entries.get(schemaId);
    if (!found)
      throw new CommandError(
        'not_found',
        `no loaded schema with id ${schemaId} (removed, or released after ${maxIdle} other schemas were loaded since its last use: load it again)`,
        { schemaId },
      );
    return found;
  }

  function touch(schemaId: string, found: Entry): void {
    entries.delete(schemaId);
    entries.set(schemaId, found);
  }

  /** Releases the least recently used schemas no running call uses, beyond `maxIdle` of them. */
  function releaseIdle(): void {
    let idle = 0;
    for (const e of entries.values()) if (e.users === 0) idle++;
    for (const [schemaId, e] of entries) {
      if (idle <= maxIdle) return;
      if (e.users > 0) continue;
      entries.delete(schemaId);
      idle--;
    }
  }

  async function load(
    source: Source,
    name: string,
    progressId: string | undefined,
    run: SchemaLoader,
  ): Promise<SchemaSummary> {
    const progress = (p: Omit<EventPayload<'schema.progress'>, 'source' | 'progressId'>) =>
      emit('schema.progress', {
        ...(progressId !== undefined ? { progressId } : {}),
        source,
        ...p,
      });
    progress({ phase: 'started', message: `loading ${name}` });
    await yieldToIo();
    try {
      const { schema, reflectionVersion } = await run();
      const schemaId = `schema-${randomUUID()}`;
      const summary: SchemaSummary = {
        schemaId,
        name,
        source,
        loadedAt: Date.now(),
        services: schema.model.services.map((s) => s.fullName),
        messageCount: Object.keys(schema.model.messages).length,
        fileCount: schema.model.files.length,
        ...(reflectionVersion ? { reflectionVersion } : {}),
      };
      const added: Entry = { summary, schema, users: 0 };
      entries.set(schemaId, added);
      bySchema.set(schema, added);
      releaseIdle();
      progress({ phase: 'done', message: `loaded ${name}`, schemaId, files: summary.fileCount });
      return summary;
    } catch (error) {
      progress({
        phase: 'failed',
        message: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }

  return {
    get(schemaId) {
      const found = entry(schemaId);
      touch(schemaId, found);
      return found.schema;
    },
    retain(schema) {
      const found = bySchema.get(schema);
      if (!found) return () => undefined;
      found.users++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        found.users--;
        // Touched on release: a tab whose call just ended is the one most likely to call again.
        if (entries.get(found.summary.schemaId) === found) touch(found.summary.schemaId, found);
        releaseIdle();
      };
    },
    add: load,
    loadProtoFiles(input) {
      const name = input.name ?? input.files.join(', ');
      return load('proto_files', name, input.progressId, async () => {
        // The .proto parser (protobufjs) loads when .proto files are: gwb's calls over reflection
        // or a descriptor set start without it.
        const { loadProtoFiles } = await import('../schema/load-proto-files.js');
        return { schema: loadProtoFiles({ files: input.files, importPaths: input.importPaths }) };
      });
    },
    loadDescriptorSet(input) {
      return load('descriptor_set', input.name ?? input.path, input.progressId, async () => ({
        schema: loadDescriptorSetFile(input.path),
      }));
    },
    loadReflection(input) {
      const name = input.name ?? targetOf(input.connection);
      return load('reflection', name, input.progressId, async () => {
        const dir = baseDir();
        const config = toChannelConfig(input.connection, dir ? { baseDir: dir } : {});
        // gRPC's channel, Connect's HTTP/2 transport, or a refusal for what cannot carry a bidi stream.
        const clientOf = () =>
          reflectionClientFor(input.connection.protocol, config, () => pool.get(config));
        const result = await fetchReflectionFiles(clientOf(), {
          metadata: input.metadata,
          deadlineMs: input.deadlineMs,
        });
        return {
          schema: lookUpPackedTypesByReflection(
            schemaFromFileDescriptors(result.files, name),
            clientOf,
            { metadata: input.metadata, deadlineMs: input.deadlineMs },
          ),
          reflectionVersion: result.version,
        };
      });
    },
    merge(input) {
      const parts = input.schemaIds.map((id) => entry(id));
      const name = input.name ?? parts.map((p) => p.summary.name).join(' + ');
      return load('merged', name, undefined, async () => {
        const schema = mergeSchemas(parts.map((p) => p.schema));
        // Reflection with files (-use-reflection -proto): the server still knows packed types.
        const lookup = parts.find((p) => p.schema.packedTypes)?.schema.packedTypes;
        if (lookup) schema.packedTypes = lookup.rebase(schema.files, schema.registry);
        return { schema };
      });
    },
    list: () => ({ schemas: [...entries.values()].map((e) => e.summary) }),
    describe(schemaId) {
      const e = entry(schemaId);
      return { summary: e.summary, model: e.schema.model };
    },
    template(schemaId, typeName) {
      const name = typeName.startsWith('.') ? typeName.slice(1) : typeName;
      const { registry } = entry(schemaId).schema;
      if (!registry.getMessage(name))
        throw new CommandError('not_found', `message type ${name} is not in the schema`, {
          typeName: name,
        });
      return { typeName: name, template: messageTemplate(registry, name) };
    },
    remove(schemaId) {
      entry(schemaId);
      // A running call keeps encoding with its own reference; the id is gone for new calls.
      entries.delete(schemaId);
      return { ok: true };
    },
  };
}

/** Keeps a call's schema loaded while the call runs (attached to every call by the engine). */
export function schemaInUseObserver(store: SchemaStore): CallObserverFactory {
  return (start) => {
    const release = store.retain(start.schema);
    return { onEnded: release, onAbandoned: release };
  };
}
