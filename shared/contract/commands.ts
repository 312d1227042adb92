// Every command, declared once: its input schema (validated at the boundary, once) and its
// output schema (what the engine promises). Types for both ends are derived from here.

import { z } from 'zod';
import { callEventSchema, schemaModelSchema } from './model.js';
import { jsonValueSchema } from './json.js';
import {
  connectionSchema,
  idSchema,
  metadataInputSchema,
  pathSchema,
  progressIdSchema,
  targetSchema,
} from './inputs.js';
import { workspaceCommands } from './workspace-commands.js';
import { folderCommands } from './folder-commands.js';
import { AuthSchema } from '../request/auth.js';
import { RequestDocumentSchema } from '../request/document.js';
import { SchemaSourceSpecSchema } from '../request/schema-source.js';
import { SessionSchema } from '../session/session.js';
import { recordingCommands } from './recording-commands.js';
import { fileCommands } from './file-commands.js';
import { runnerCommands } from './runner-commands.js';
import { checksCommands } from './checks-commands.js';
import { loadCommands } from './load-commands.js';
import { captureCommands } from './capture-commands.js';
import { droppedFilesSchema } from './schema-contents.js';
import { grpcurlCommands } from './grpcurl-commands.js';
import { command } from './lazy-command.js';
import { lazySchema } from '../request/lazy-schema.js';

const empty = lazySchema(() => z.object({}));
const ok = lazySchema(() => z.object({ ok: z.literal(true) }));

export const channelStateSchema = lazySchema(() =>
  z.enum(['IDLE', 'CONNECTING', 'READY', 'TRANSIENT_FAILURE', 'SHUTDOWN']),
);

export const schemaSummarySchema = lazySchema(() =>
  z.object({
    schemaId: z.string(),
    name: z.string(),
    source: z.enum(['proto_files', 'descriptor_set', 'reflection', 'merged']),
    /** Milliseconds since the epoch. */
    loadedAt: z.number(),
    services: z.array(z.string()),
    messageCount: z.number().int(),
    fileCount: z.number().int(),
    /** For reflection: which protocol version answered. */
    reflectionVersion: z.enum(['v1', 'v1alpha']).optional(),
  }),
);

const callRef = lazySchema(() => z.object({ callId: idSchema }));

export const commands = {
  'host.capabilities': command(() => ({
    input: empty,
    output: z.object({
      host: z.enum(['electron', 'web', 'cli', 'test']),
      version: z.string(),
      platform: z.string(),
      /** Whether the host can show native file pickers (paths otherwise are typed). */
      filePicker: z.boolean(),
      commands: z.array(z.string()),
    }),
  })),
  'schema.loadProtoFiles': command(() => ({
    input: z.object({
      files: z.array(pathSchema).min(1, 'name at least one .proto file').max(10_000),
      importPaths: z.array(pathSchema).max(1000).default([]),
      name: z.string().max(200).optional(),
      progressId: progressIdSchema,
    }),
    output: schemaSummarySchema,
  })),
  'schema.loadDescriptorSet': command(() => ({
    input: z.object({
      path: pathSchema,
      name: z.string().max(200).optional(),
      progressId: progressIdSchema,
    }),
    output: schemaSummarySchema,
  })),
  'schema.loadReflection': command(() => ({
    input: z.object({
      connection: connectionSchema,
      metadata: metadataInputSchema.default([]),
      name: z.string().max(200).optional(),
      progressId: progressIdSchema,
      /** For the whole load, both protocol versions included. */
      deadlineMs: z.number().int().positive().max(600_000).default(20_000),
    }),
    output: schemaSummarySchema,
  })),
  /**
   * A schema from files given by their contents, not their paths (files dropped on the window):
   * .proto texts and descriptor sets (base64), parsed as `schema.loadProtoFiles` and
   * `schema.loadDescriptorSet` parse files on disk, imports found among the given files (every
   * folder of their paths is an import path) and the well-known types the engine ships. Errors
   * name files by the paths given. Not cached: each drop is loaded as given.
   */
  'schema.loadContents': command(() => ({
    input: z.strictObject({
      files: droppedFilesSchema,
      name: z.string().max(200).optional(),
      progressId: progressIdSchema,
    }),
    output: schemaSummarySchema,
  })),
  /**
   * The schema of a request's source, loaded once and cached per source: proto files and
   * descriptor sets by their files (relative paths from the open workspace), reflection by its
   * address and headers. Two tabs with equal sources share one schema; `reload` loads it again.
   */
  'schema.load': command(() => ({
    input: z.strictObject({
      /** Absent: reflection on the connection. */
      source: SchemaSourceSpecSchema.optional(),
      connection: connectionSchema,
      reload: z.boolean().default(false),
      /**
       * Files a saved request of the open workspace names are loaded only from inside the
       * workspace folder (real paths, symlinks followed), or when the user chose that file
       * before (a load no saved request named, remembered in the engine's data folder); true
       * loads (and remembers) them from elsewhere too, after the user has confirmed that file.
       */
      confirmOutside: z.boolean().optional(),
      progressId: progressIdSchema,
      /** Reflection authenticates as the request's calls do (its auth, or its folders'). */
      auth: AuthSchema.optional(),
      requestPath: z.string().min(1).max(1024).optional(),
      /**
       * Reflection only: the schema of this one symbol (a call's service) — the file defining it
       * and its imports, as grpcurl asks — instead of every listed service's. Cached apart from
       * the full load; a symbol the server does not know loads everything (its error lists them).
       */
      symbol: z.string().min(1).max(1024).optional(),
    }),
    output: schemaSummarySchema,
  })),
  /** One schema from several, earlier ones winning: e.g. reflection, then files for what it lacks. */
  'schema.merge': command(() => ({
    input: z.object({
      schemaIds: z.array(idSchema).min(2, 'name at least two schemas').max(50),
      name: z.string().max(200).optional(),
    }),
    output: schemaSummarySchema,
  })),
  'schema.list': command(() => ({
    input: empty,
    output: z.object({ schemas: z.array(schemaSummarySchema) }),
  })),
  'schema.get': command(() => ({
    input: z.object({ schemaId: idSchema }),
    output: z.object({ summary: schemaSummarySchema, model: schemaModelSchema }),
  })),
  'schema.remove': command(() => ({
    input: z.object({ schemaId: idSchema }),
    output: ok,
  })),
  'schema.template': command(() => ({
    input: z.object({ schemaId: idSchema, typeName: z.string().min(1).max(1024) }),
    output: z.object({ typeName: z.string(), template: jsonValueSchema }),
  })),
  'channel.state': command(() => ({
    input: z.object({ connection: connectionSchema, connect: z.boolean().default(false) }),
    output: z.object({ target: z.string(), state: channelStateSchema }),
  })),
  /**
   * Starts a call from a request document: the one call path of the UI, `gwb`, saved-request runs
   * and replays. Variables (secrets too) are substituted in the engine with the environment's
   * values on the way to the wire only: every event, error, recording and history entry of the
   * call carries `[secret:NAME]` instead (a message that held one has no `raw`, and says
   * `rawDropped: 'secret'`), so secret values never reach a client; unknown variables refuse
   * the call with `invalid_input` and `details.unknown`. The document's messages are sent in
   * order (one for unary and server-streaming methods); a client or bidi stream then stays open
   * for more unless `halfClose`. The finished call goes to history as the document (the template).
   */
  'call.start': command(() => ({
    input: z.strictObject({
      schemaId: idSchema,
      request: RequestDocumentSchema,
      /** Default: the selected environment; null: none. */
      environment: z.string().min(1).max(120).nullable().optional(),
      /** The saved request this call was made from (`collection/folder/name`), for history. */
      requestPath: z.string().min(1).max(1024).optional(),
      /** Close the sending side after the document's messages (client and bidi streams). */
      halfClose: z.boolean().default(false),
      /** Keep the encoded bytes of every message in the log (recordings). */
      keepRaw: z.boolean().default(false),
      /** Write the call to the recordings folder; default: on for streaming kinds, off for unary. */
      record: z.boolean().optional(),
    }),
    output: z.object({
      callId: z.string(),
      /** What the user should know about this call in words (e.g. why it is not recorded). */
      notes: z.array(z.string()).optional(),
    }),
  })),
  'call.send': command(() => ({
    input: z.object({ callId: idSchema, message: jsonValueSchema }),
    output: ok,
  })),
  'call.halfClose': command(() => ({ input: callRef, output: ok })),
  'call.cancel': command(() => ({ input: callRef, output: ok })),
  'call.events': command(() => ({
    input: z.object({
      callId: idSchema,
      /** Return events whose seq is >= this. */
      sinceSeq: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(100_000).default(10_000),
    }),
    output: z.object({
      callId: z.string(),
      events: z.array(callEventSchema),
      /** Seq to ask from next time. */
      nextSeq: z.number().int(),
      /** More events are already available beyond `limit`. */
      more: z.boolean(),
      /** The call has ended; no further events will come. */
      done: z.boolean(),
    }),
  })),
  'call.release': command(() => ({ input: callRef, output: ok })),
  /** The stored session (open tabs, drafts, active tab), or null; a broken file is set aside. */
  'session.read': command(() => ({
    input: empty,
    output: z.object({
      session: SessionSchema.nullable(),
      /** Why the stored session could not be read, and where the file was moved. */
      problem: z.string().optional(),
    }),
  })),
  /** Stores the session atomically (the last write wins). */
  'session.write': command(() => ({
    input: z.strictObject({ session: SessionSchema }),
    output: ok,
  })),
  'demo.start': command(() => ({
    input: z.object({ port: z.number().int().min(0).max(65535).default(0) }),
    output: z.object({ target: targetSchema, port: z.number().int(), alreadyRunning: z.boolean() }),
  })),
  ...workspaceCommands,
  ...folderCommands,
  ...recordingCommands,
  ...fileCommands,
  ...grpcurlCommands,
  ...runnerCommands,
  ...checksCommands,
  ...loadCommands,
  ...captureCommands,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
