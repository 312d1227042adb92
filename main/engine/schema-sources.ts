// `schema.load`: a request's schema source loaded once and shared. Two tabs with equal sources get
// one schema; `reload` loads it again and replaces it. Relative files start at the open
// workspace's folder; reflection uses the request's own connection and the source's headers, with
// `{{variables}}` substituted as for a call.

import path from 'node:path';
import { CommandError } from '../../shared/contract/errors.js';
import type { Output, ParsedInput } from '../../shared/contract/index.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { sentMetadata } from '../../shared/request/metadata.js';
import { schemaSourceKey, type SchemaSourceSpec } from '../../shared/request/schema-source.js';
import { targetOf, type Connection } from '../../shared/request/connection.js';
import { toChannelConfig, type ChannelPool } from '../channels/index.js';
import { createSecretMask } from '../calls/secret-mask.js';
import {
  fetchReflectionFiles,
  ReflectionError,
  type FetchReflectionOptions,
  type ReflectionResult,
} from '../reflection/index.js';
import { reflectionClientFor } from '../transports/index.js';
import { lookUpPackedTypesByReflection } from './reflected-packed-types.js';
// From their own modules, not ../schema/index.js, which also brings the .proto parser.
import { loadDescriptorSetFile, schemaFromFileDescriptors } from '../schema/from-descriptors.js';
import { mergeSchemas } from '../schema/merge.js';
import { prepareConnection, type PrepareCall } from './prepare-call.js';
import { checkSavedSourceInside, inputFilesIn } from './schema-files-inside.js';
import { TrustedSchemaFiles } from './trusted-schema-files.js';
import type { SchemaLoader, SchemaStore } from './schemas.js';

/** How long a reflection load may take, both protocol versions included (as schema.loadReflection). */
const REFLECTION_DEADLINE_MS = 20_000;

export interface SchemaSourcesDeps {
  store: SchemaStore;
  pool: ChannelPool;
  /** The open workspace's folder; relative paths of a source start there. */
  workspaceDir: () => string | undefined;
  /** Substitutes variables in a reflection source's connection and headers. */
  prepareCall: PrepareCall;
  /** Where the schema files outside the workspace that the user chose are remembered. */
  trustedFilesPath?: string;
}

export interface SchemaSources {
  load(input: ParsedInput<'schema.load'>): Promise<Output<'schema.load'>>;
  /**
   * For a schema schema.load made: whether a request's source is the one it was loaded from
   * (workspace.staleRequests checks only those). Undefined for other schemas.
   */
  loadedFrom(schemaId: string): ((request: SourceOf) => boolean) | undefined;
  /** How many loads actually ran (for tests: equal sources load once). */
  readonly loads: number;
}

type Summary = Output<'schema.load'>;

/** What of a request names its schema source. */
type SourceOf = Pick<RequestDocument, 'schema' | 'connection'>;

export function createSchemaSources(deps: SchemaSourcesDeps): SchemaSources {
  /** Source key → its summary (or the load in flight, so two tabs restoring at once share it). */
  const cache = new Map<string, Promise<Summary>>();
  /** Schema id → the key of the source it was loaded from. */
  const keyOf = new Map<string, string>();
  /**
   * Source key → the workspace folder its files were last checked to lie inside of (or chosen by
   * the user) when they were read: the schema cached from them is answered without checking again,
   * since nothing is read then (a call of a saved request asks for its schema every time).
   */
  const checkedFor = new Map<string, string>();
  let loads = 0;
  const trusted = new TrustedSchemaFiles(deps.trustedFilesPath);

  /**
   * Which source a request names, for loadedFrom: files by their resolved paths, reflection by its
   * address alone (its headers may hold variables; the address rarely differs by them).
   */
  function identityOf(spec: SchemaSourceSpec | undefined, connection: Connection): string {
    const source = spec ?? { kind: 'reflection' as const };
    if (source.kind === 'reflection')
      return schemaSourceKey({ kind: 'reflection' }, targetOf(connection));
    return schemaSourceKey(inWorkspace(source, deps.workspaceDir()), '');
  }

  async function run(
    key: string,
    name: string,
    kind: Summary['source'],
    progressId: string | undefined,
    loader: SchemaLoader,
    identity = key,
  ): Promise<Summary> {
    const previous = cache.get(key);
    loads++;
    const loading = deps.store.add(kind, name, progressId, loader);
    cache.set(key, loading);
    try {
      const summary = await loading;
      keyOf.set(summary.schemaId, identity);
      // Replaced: the old copy is dropped so reloading does not keep every version in memory.
      const old = await previous?.catch(() => undefined);
      if (old && old.schemaId !== summary.schemaId) forget(old.schemaId);
      return summary;
    } catch (error) {
      // A failure is not cached: the next load tries again (the server may be up by then), and a
      // failed reload leaves the schema it would have replaced in place.
      if (cache.get(key) === loading) {
        if (previous) cache.set(key, previous);
        else cache.delete(key);
      }
      throw error;
    }
  }

  /**
   * The cached schema of a source, or `start()` to load it. Decided without waiting when nothing
   * is cached, so two tabs asking at once share one load; a failed load or a schema removed since
   * (schema.remove) loads again.
   */
  function share(key: string, reload: boolean, start: () => Promise<Summary>): Promise<Summary> {
    const entry = reload ? undefined : cache.get(key);
    if (!entry) return start();
    const again = (): Promise<Summary> => {
      const now = cache.get(key);
      return now && now !== entry ? share(key, false, start) : start();
    };
    return entry.then((summary) => (alive(summary.schemaId) ? summary : again()), again);
  }

  function alive(schemaId: string): boolean {
    try {
      deps.store.get(schemaId);
      return true;
    } catch {
      return false;
    }
  }

  function forget(schemaId: string): void {
    keyOf.delete(schemaId);
    try {
      deps.store.remove(schemaId);
    } catch {
      // removed by schema.remove already
    }
  }

  return {
    get loads() {
      return loads;
    },
    loadedFrom(schemaId) {
      const key = keyOf.get(schemaId);
      return key === undefined
        ? undefined
        : (request) => identityOf(request.schema, request.connection) === key;
    },
    async load(input) {
      const source = input.source ?? { kind: 'reflection' as const };
      if (source.kind === 'reflection') return loadByReflection(input, source);
      const dir = deps.workspaceDir();
      const resolved = inWorkspace(source, dir);
      const key = schemaSourceKey(resolved, '');
      let chosen: string[] = [];
      /** The files a saved request names stay inside the workspace unless the user chose them. */
      const checkInside = (): void => {
        if (dir === undefined) return;
        chosen = checkSavedSourceInside({
          resolved,
          dir,
          resolve: (saved) => inWorkspace(saved, dir),
          trusted,
          confirmOutside: input.confirmOutside === true,
        });
        checkedFor.set(key, dir);
      };
      // Checked now, unless its schema is cached from files checked for this workspace: then they
      // are checked only if they are read after all (the cached schema was removed meanwhile).
      const cached =
        !input.reload && dir !== undefined && checkedFor.get(key) === dir && cache.has(key);
      if (!cached) checkInside();
      const start = (load: () => Promise<Summary>) => (): Promise<Summary> => {
        if (cached) checkInside();
        return load();
      };
      // Files outside the workspace the user chose load from now on when a saved request names them.
      const trustOnLoad = (summary: Summary): Summary => {
        trusted.add(chosen);
        return summary;
      };
      if (resolved.kind === 'protoFiles')
        return share(
          key,
          input.reload,
          start(() =>
            run(key, resolved.files.join(', '), 'proto_files', input.progressId, async () => {
              // The .proto parser (protobufjs) loads only when .proto files do.
              const { loadProtoFiles } = await import('../schema/load-proto-files.js');
              return {
                schema: loadProtoFiles({
                  files: resolved.files,
                  importPaths: resolved.importPaths,
                }),
              };
            }),
          ),
        ).then(trustOnLoad);
      if (resolved.kind === 'descriptorSet')
        return share(
          key,
          input.reload,
          start(() =>
            run(key, resolved.files.join(', '), 'descriptor_set', input.progressId, async () => {
              const sets = resolved.files.map((file) => loadDescriptorSetFile(file));
              return { schema: sets.length === 1 ? sets[0]! : mergeSchemas(sets) };
            }),
          ),
        ).then(trustOnLoad);
      throw new CommandError('invalid_input', 'source: unknown kind');
    },
  };

  async function loadByReflection(
    input: ParsedInput<'schema.load'>,
    source: Extract<SchemaSourceSpec, { kind: 'reflection' }>,
  ): Promise<Summary> {
    // Substituted as a call's would be: the address and headers may hold {{variables}}. A secret
    // among them goes on the wire only: the schema's name, progress and errors show it masked.
    const {
      connection,
      metadata: rows,
      baseDir,
      secrets,
    } = await prepareConnection(deps.prepareCall, input.connection, source.metadata, {
      ...(input.auth ? { auth: input.auth } : {}),
      ...(input.requestPath !== undefined ? { requestPath: input.requestPath } : {}),
    });
    const mask = createSecretMask(secrets);
    const target = targetOf(connection);
    const shown = mask ? mask.text(target) : target;
    // The protocol is part of the key: a load gRPC-Web refuses is not answered from Connect's.
    // One symbol's schema (a call's) is partial: keyed apart, so a full load is never served it.
    const key =
      schemaSourceKey({ kind: 'reflection', metadata: rows }, target) +
      (connection.protocol ? ` ${JSON.stringify(connection.protocol)}` : '') +
      (input.symbol !== undefined ? ` symbol ${JSON.stringify(input.symbol)}` : '');
    return share(key, input.reload, () =>
      run(
        key,
        shown,
        'reflection',
        input.progressId,
        async () => {
          try {
            const config = toChannelConfig(connection, { baseDir });
            if (mask) config.shownTarget = shown;
            // gRPC's channel, Connect's HTTP/2 transport, or a refusal for what cannot carry a bidi stream.
            const clientOf = () =>
              reflectionClientFor(connection.protocol, config, () => deps.pool.get(config));
            const result = await fetchReflectedFiles(clientOf(), {
              metadata: sentMetadata(rows),
              deadlineMs: REFLECTION_DEADLINE_MS,
              ...(input.symbol !== undefined ? { symbols: [input.symbol] } : {}),
            });
            const schema = lookUpPackedTypesByReflection(
              schemaFromFileDescriptors(result.files, shown),
              clientOf,
              { metadata: sentMetadata(rows), deadlineMs: REFLECTION_DEADLINE_MS },
            );
            return { schema, reflectionVersion: result.version };
          } catch (error) {
            throw mask ? mask.error(error) : error;
          }
        },
        identityOf(input.source, input.connection),
      ),
    );
  }
}

/**
 * The files of every listed service, or with `symbols` only theirs (imports included) without
 * asking for the list. A symbol the server does not know loads everything after all: the call
 * then fails as before, naming the services the server has.
 */
async function fetchReflectedFiles(
  client: Parameters<typeof fetchReflectionFiles>[0],
  opts: FetchReflectionOptions,
): Promise<ReflectionResult> {
  if (!opts.symbols) return fetchReflectionFiles(client, opts);
  try {
    return await fetchReflectionFiles(client, { ...opts, skipServiceList: true });
  } catch (error) {
    if (!(error instanceof ReflectionError) || error.kind !== 'not_found') throw error;
    const { symbols: _all, ...everything } = opts;
    return fetchReflectionFiles(client, everything);
  }
}

/**
 * Relative paths from the workspace folder. With import paths, files are named relative to them
 * (as protoc and grpcurl do), then to the workspace, and made paths; without, files are relative
 * to the workspace, which is then the import path.
 */
export function inWorkspace(source: SchemaSourceSpec, dir: string | undefined): SchemaSourceSpec {
  const resolve = (p: string): string =>
    dir === undefined || path.isAbsolute(p) ? p : path.join(dir, p);
  switch (source.kind) {
    case 'protoFiles': {
      if (source.importPaths.length > 0) {
        const importPaths = source.importPaths.map(resolve);
        if (dir === undefined) return { ...source, importPaths };
        // Paths too, so filesOutside checks every one and none is read from the current folder.
        return { ...source, importPaths, files: inputFilesIn(source.files, importPaths, dir) };
      }
      return {
        ...source,
        files: source.files.map(resolve),
        importPaths: dir === undefined ? [] : [dir],
      };
    }
    case 'descriptorSet':
      return { ...source, files: source.files.map(resolve) };
    case 'reflection':
      return source;
  }
}
