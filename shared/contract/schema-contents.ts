// The input of `schema.loadContents`: files given by their contents rather than their paths (files
// dropped on the window: a browser never tells a page where a dropped file is on disk). Bounded so
// a drop fits one message of the web host's socket (64 MiB) and a hostile page cannot make the
// engine allocate without bound.
import { z } from 'zod';
import { FILE_EXTENSIONS } from './file-extensions.js';
import {
  MAX_DROPPED_FILES,
  MAX_DROPPED_PROTO_CHARS,
  MAX_DROPPED_SET_BASE64,
  MAX_DROPPED_TOTAL_CHARS,
} from './schema-contents-limits.js';
import { lazySchema } from '../request/lazy-schema.js';

export {
  MAX_DROPPED_FILES,
  MAX_DROPPED_PROTO_CHARS,
  MAX_DROPPED_SET_BASE64,
  MAX_DROPPED_TOTAL_CHARS,
};

const MiB = 1024 * 1024;

const segmentProblem = (path: string): string | undefined => {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'must be relative (as dropped)';
  if (path.includes('\\')) return 'must use / between folders';
  if (path.split('/').some((s) => s === '' || s === '.' || s === '..'))
    return 'must not have empty, "." or ".." parts';
  return undefined;
};

/** The path a file was dropped as: its name, or `folder/sub/name` when a folder was dropped. */
const droppedPathSchema = lazySchema(() =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(1024, 'longer than 1024 characters')
    .refine((p) => !p.includes('\0'), 'must not contain NUL bytes')
    .superRefine((p, ctx) => {
      const problem = segmentProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
);

const endsWithOneOf = (exts: readonly string[]) => (p: string) =>
  exts.some((e) => p.toLowerCase().endsWith(e));

const base64Schema = lazySchema(() =>
  z
    .string()
    .max(MAX_DROPPED_SET_BASE64, `longer than ${MAX_DROPPED_SET_BASE64} characters`)
    .refine((s) => s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s), 'is not base64'),
);

export const droppedFileSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('proto'),
      path: droppedPathSchema.refine(endsWithOneOf(FILE_EXTENSIONS.proto), 'must end in .proto'),
      text: z
        .string()
        .max(MAX_DROPPED_PROTO_CHARS, `longer than ${MAX_DROPPED_PROTO_CHARS} characters`),
    }),
    z.strictObject({
      kind: z.literal('descriptorSet'),
      path: droppedPathSchema.refine(
        endsWithOneOf(FILE_EXTENSIONS.descriptorSet),
        `must end in ${FILE_EXTENSIONS.descriptorSet.join(', ')}`,
      ),
      base64: base64Schema,
    }),
  ]),
);
export type DroppedFile = z.infer<typeof droppedFileSchema>;

const sizeOf = (f: DroppedFile): number => (f.kind === 'proto' ? f.text.length : f.base64.length);

export const droppedFilesSchema = lazySchema(() =>
  z
    .array(droppedFileSchema)
    .min(1, 'give at least one .proto file or descriptor set')
    .max(MAX_DROPPED_FILES, `more than ${MAX_DROPPED_FILES} files`)
    .superRefine((files, ctx) => {
      const total = files.reduce((n, f) => n + sizeOf(f), 0);
      if (total > MAX_DROPPED_TOTAL_CHARS)
        ctx.addIssue({
          code: 'custom',
          message: `${Math.ceil(total / MiB)} MiB in all: more than the ${MAX_DROPPED_TOTAL_CHARS / MiB} MiB one drop may hold; choose the files with Load .proto files… instead`,
        });
      const seen = new Set<string>();
      files.forEach((f, i) => {
        if (seen.has(f.path))
          ctx.addIssue({ code: 'custom', path: [i, 'path'], message: `${f.path} is given twice` });
        seen.add(f.path);
      });
    }),
);
