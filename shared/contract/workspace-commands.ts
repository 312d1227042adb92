// The workspace commands (issue 5): saved requests, folders, environments, secrets, history,
// import/export and sending a saved request with an environment. Merged into `commands`.
// Item paths are `collection/folder/…/name`; every segment is checked here so nothing a client
// sends can climb out of the workspace (`..`, absolute paths, backslashes, NUL). Inputs are
// strict: an unknown key is a typo worth reporting.

import { z } from 'zod';
import { SavedRequestSchema } from '../workspace/saved-request.js';
import { HistoryEntrySchema } from '../workspace/history.js';
import { RequestDocumentSchema } from '../request/document.js';
import type { TreeNode } from '../workspace/tree.js';
import { idSchema, pathSchema } from './inputs.js';
import { command } from './lazy-command.js';
import { lazySchema } from '../request/lazy-schema.js';

const ok = lazySchema(() => z.object({ ok: z.literal(true) }));

const segmentProblem = (segment: string): string | undefined => {
  if (segment === '') return 'has an empty segment';
  if (segment === '.' || segment === '..') return 'must not contain . or .. segments';
  if (segment.startsWith('.')) return 'segments must not start with a dot';
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\\:\0-\u001f]/.test(segment)) return 'must not contain \\, : or control characters';
  return undefined;
};

/** `collection/folder/name`, relative to the workspace's collections. */
export const itemPathSchema = lazySchema(() =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(1024, 'longer than 1024 characters')
    .superRefine((value, ctx) => {
      if (value.startsWith('/')) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be relative to the workspace (no leading /)',
        });
        return;
      }
      for (const segment of value.split('/')) {
        const problem = segmentProblem(segment);
        if (problem) {
          ctx.addIssue({ code: 'custom', message: `"${value}" ${problem}` });
          return;
        }
      }
    }),
);

/** A folder path, or '' for the top level (collections). */
const parentPathSchema = lazySchema(() => z.union([z.literal(''), itemPathSchema]));

const nameSchema = lazySchema(() =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(120, 'longer than 120 characters')
    .refine(
      (n) => !n.includes('/') && segmentProblem(n) === undefined,
      'must be one name: no / \\ : or leading dot',
    ),
);

const variableNameSchema = lazySchema(() =>
  z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - (not starting with a digit)'),
);

export const treeNodeSchema: z.ZodType<TreeNode> = lazySchema(() =>
  z.lazy(() =>
    z.union([
      z.object({
        kind: z.literal('request'),
        name: z.string(),
        path: z.string(),
        title: z.string().optional(),
        method: z.string().optional(),
        error: z.string().optional(),
      }),
      z.object({
        kind: z.enum(['folder', 'collection']),
        name: z.string(),
        path: z.string(),
        children: z.array(treeNodeSchema),
      }),
    ]),
  ),
);

export const unknownVariableSchema = lazySchema(() =>
  z.object({ name: z.string(), where: z.string() }),
);

/** As `environment.read` shows a variable: a secret's value never leaves the engine. */
export const environmentVariableViewSchema = lazySchema(() =>
  z.union([
    z.object({
      name: z.string(),
      secret: z.literal(false),
      value: z.string(),
      enabled: z.boolean(),
    }),
    z.object({ name: z.string(), secret: z.literal(true), set: z.boolean(), enabled: z.boolean() }),
  ]),
);

export const historySummarySchema = lazySchema(() =>
  z.object({
    id: z.string(),
    at: z.string(),
    name: z.string(),
    method: z.string(),
    address: z.string(),
    requestPath: z.string().optional(),
    environment: z.string().optional(),
    status: z.object({ code: z.number().int(), message: z.string() }),
    durationMs: z.number(),
  }),
);

const requestRef = lazySchema(() => z.strictObject({ path: itemPathSchema }));
const pathOut = lazySchema(() => z.object({ path: z.string() }));
const envName = nameSchema;

export const workspaceCommands = {
  /** Opens a workspace folder (default: `<dataDir>/workspace`); the engine keeps one open. */
  'workspace.open': command(() => ({
    input: z.strictObject({ dir: pathSchema.optional() }),
    output: z.object({
      dir: z.string(),
      id: z.string(),
      problems: z.array(z.string()),
      environment: z.string().nullable(),
    }),
  })),
  'workspace.tree': command(() => ({
    input: z.strictObject({}),
    output: z.object({ dir: z.string(), collections: z.array(treeNodeSchema) }),
  })),
  /** A saved request (its schema source inline, relative paths as saved). */
  'request.read': command(() => ({
    input: requestRef,
    output: z.object({ path: z.string(), request: SavedRequestSchema }),
  })),
  /** Saves over (or creates) the request at `path`; its folder is created when missing. */
  'request.save': command(() => ({
    input: z.strictObject({ path: itemPathSchema, request: RequestDocumentSchema }),
    output: z.object({ path: z.string(), request: SavedRequestSchema }),
  })),
  /** Saves a new request `name` in `folder`; refuses to overwrite unless asked. */
  'request.saveAs': command(() => ({
    input: z.strictObject({
      folder: itemPathSchema,
      name: nameSchema,
      request: RequestDocumentSchema,
      overwrite: z.boolean().default(false),
    }),
    output: z.object({ path: z.string(), request: SavedRequestSchema }),
  })),
  'request.rename': command(() => ({
    input: z.strictObject({ path: itemPathSchema, name: nameSchema }),
    output: pathOut,
  })),
  'request.duplicate': command(() => ({
    input: z.strictObject({ path: itemPathSchema, name: nameSchema.optional() }),
    output: pathOut,
  })),
  'request.move': command(() => ({
    input: z.strictObject({ path: itemPathSchema, toFolder: itemPathSchema }),
    output: pathOut,
  })),
  /** Returns what was deleted so the UI can undo with `request.restore`. */
  'request.delete': command(() => ({
    input: requestRef,
    output: z.object({ path: z.string(), deleted: SavedRequestSchema.nullable() }),
  })),
  'request.restore': command(() => ({
    input: z.strictObject({ path: itemPathSchema, request: RequestDocumentSchema }),
    output: pathOut,
  })),
  'folder.create': command(() => ({
    input: z.strictObject({ path: itemPathSchema }),
    output: pathOut,
  })),
  'folder.rename': command(() => ({
    input: z.strictObject({ path: itemPathSchema, name: nameSchema }),
    output: pathOut,
  })),
  'folder.move': command(() => ({
    input: z.strictObject({ path: itemPathSchema, toParent: parentPathSchema }),
    output: pathOut,
  })),
  'folder.delete': command(() => ({ input: z.strictObject({ path: itemPathSchema }), output: ok })),
  'environment.list': command(() => ({
    input: z.strictObject({}),
    output: z.object({
      environments: z.array(z.object({ name: z.string(), error: z.string().optional() })),
      selected: z.string().nullable(),
      /** How secret values are protected: the OS keychain, Electron's fixed-key fallback, or a key file. */
      secretStorage: z.object({
        kind: z.enum(['os_keychain', 'basic_text', 'key_file']),
        where: z.string(),
      }),
    }),
  })),
  'environment.read': command(() => ({
    input: z.strictObject({ name: envName }),
    output: z.object({ name: z.string(), variables: z.array(environmentVariableViewSchema) }),
  })),
  /** A secret variable without `value` keeps its stored value. */
  'environment.save': command(() => ({
    input: z.strictObject({
      name: envName,
      variables: z
        .array(
          z.object({
            name: variableNameSchema,
            value: z
              .string()
              .max(1 << 20)
              .optional(),
            secret: z.boolean().default(false),
            enabled: z.boolean().default(true),
          }),
        )
        .max(1000),
    }),
    output: z.object({ name: z.string(), variables: z.array(environmentVariableViewSchema) }),
  })),
  'environment.delete': command(() => ({ input: z.strictObject({ name: envName }), output: ok })),
  /** The environment used by `request.start` when it names none; null for none. */
  'environment.select': command(() => ({
    input: z.strictObject({ name: envName.nullable() }),
    output: z.object({ selected: z.string().nullable() }),
  })),
  /** Stores a secret variable's value (marking the variable secret); it is never sent back. */
  'secret.set': command(() => ({
    input: z.strictObject({
      environment: envName,
      name: variableNameSchema,
      value: z.string().max(1 << 20),
    }),
    output: ok,
  })),
  'history.list': command(() => ({
    input: z.strictObject({
      limit: z.number().int().positive().max(1000).default(200),
      offset: z.number().int().nonnegative().default(0),
    }),
    output: z.object({
      entries: z.array(historySummarySchema),
      errors: z.array(z.object({ file: z.string(), error: z.string() })),
    }),
  })),
  'history.search': command(() => ({
    input: z.strictObject({
      query: z.string().max(1000),
      limit: z.number().int().positive().max(1000).default(100),
    }),
    output: z.object({ entries: z.array(historySummarySchema) }),
  })),
  'history.get': command(() => ({
    input: z.strictObject({ id: idSchema }),
    output: z.object({ entry: HistoryEntrySchema }),
  })),
  'history.clear': command(() => ({ input: z.strictObject({}), output: ok })),
  /** A pasted grpcurl command → a request draft (nothing is written). */
  'import.grpcurl': command(() => ({
    input: z.strictObject({
      command: z
        .string()
        .min(1, 'paste a grpcurl command')
        .max(1 << 20),
    }),
    output: z.object({
      request: RequestDocumentSchema,
      /** Read but not kept (`-v`). */
      ignored: z.array(z.string()),
      /** Kept, but not as typed. */
      notes: z.array(z.string()),
    }),
  })),
  /** The collection as one JSON text (no environments, no secrets); the host decides where it goes. */
  'export.collection': command(() => ({
    input: z.strictObject({ collection: itemPathSchema }),
    output: z.object({ text: z.string() }),
  })),
  'import.collection': command(() => ({
    input: z.strictObject({
      text: z
        .string()
        .min(1)
        .max(64 << 20),
      asName: nameSchema.optional(),
    }),
    output: z.object({ collection: z.string(), requests: z.number().int() }),
  })),
  /** Substitutes an environment's variables; secret values in the answer are shown as `[secret:NAME]`. */
  'workspace.prepare': command(() => ({
    input: z.strictObject({
      request: RequestDocumentSchema,
      environment: envName.nullable().optional(),
      /** The saved request's path: the auth it inherits from its folders is checked too. */
      requestPath: itemPathSchema.optional(),
    }),
    output: z.object({ request: RequestDocumentSchema, unknown: z.array(unknownVariableSchema) }),
  })),
  /** Saved requests that no longer fit a (re)loaded schema. */
  'workspace.staleRequests': command(() => ({
    input: z.strictObject({ schemaId: idSchema }),
    output: z.object({
      stale: z.array(z.object({ path: z.string(), problems: z.array(z.string()) })),
    }),
  })),
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

/** One change of the workspace, made by the app or outside it (an editor, a `git pull`). */
export const workspaceChangeSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    /** A request file was written (created or changed); `node` is its new tree node. */
    z.object({ kind: z.literal('request.saved'), path: z.string(), node: treeNodeSchema }),
    z.object({ kind: z.literal('request.deleted'), path: z.string() }),
    /** A request or a folder (with everything under it) moved or was renamed. */
    z.object({ kind: z.literal('moved'), from: z.string(), to: z.string(), node: treeNodeSchema }),
    z.object({ kind: z.literal('folder.created'), path: z.string(), node: treeNodeSchema }),
    z.object({ kind: z.literal('folder.deleted'), path: z.string() }),
    /** An environment was saved, created or deleted (`deleted`). */
    z.object({ kind: z.literal('environment.changed'), name: z.string(), deleted: z.boolean() }),
    z.object({ kind: z.literal('history.changed') }),
    /** Too much changed at once outside the app to say what: read the tree again. */
    z.object({ kind: z.literal('tree.reload') }),
  ]),
);
export type WorkspaceChange = z.infer<typeof workspaceChangeSchema>;

export const workspaceEvents = {
  /** What changed in the open workspace, in order; own writes and outside ones alike. */
  'workspace.changed': lazySchema(() =>
    z.object({
      origin: z.enum(['app', 'outside']),
      changes: z.array(workspaceChangeSchema),
    }),
  ),
} as const satisfies Record<string, z.ZodType>;
