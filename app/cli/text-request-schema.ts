// -format text with -d: the text is read as the request type before the call, which needs the
// descriptors themselves (the engine hands the CLI only the schema model). They come the way
// `list`/`describe` get theirs (schema-source.ts): the files, or the server's reflection with the
// files filling in.
import type { Registry } from '@bufbuild/protobuf';
import { ChannelPool, toChannelConfig } from '../../main/channels/index.js';
import { sentEntries } from '../../main/metadata/index.js';
import { headerRow, type GrpcurlFlags } from '../../shared/grpcurl/index.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { usesReflection } from './call-schema.js';
import { connect, DEFAULT_CONNECT_TIMEOUT_MS } from './connection.js';
import { fileSchema, loadSchemaFiles, reflectedSchema } from './schema-source.js';

export async function requestRegistry(
  flags: GrpcurlFlags,
  doc: RequestDocument,
  startedAt: number,
  signal?: AbortSignal,
): Promise<Registry> {
  const files = await loadSchemaFiles(flags);
  if (!usesReflection(flags)) return fileSchema(flags, files).schema.registry;
  const pool = new ChannelPool();
  try {
    const left =
      doc.deadlineMs === undefined
        ? undefined
        : Math.max(1, doc.deadlineMs - (Date.now() - startedAt));
    const client = await connect(
      pool,
      toChannelConfig(doc.connection),
      Math.min(DEFAULT_CONNECT_TIMEOUT_MS, left ?? DEFAULT_CONNECT_TIMEOUT_MS),
      signal,
    );
    const reflectMetadata = sentEntries(
      [...flags.H, ...flags['reflect-header']].map((h) => headerRow(h, 'H')),
    );
    const reflected = await reflectedSchema({
      client,
      files,
      reflectMetadata,
      ...(left !== undefined ? { deadlineMs: left } : {}),
    });
    return reflected.schema.registry;
  } finally {
    pool.close();
  }
}
