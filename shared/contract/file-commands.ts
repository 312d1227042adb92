// Browsing the machine the engine runs on, so a file is chosen rather than typed (the web host has
// no native file dialog; it runs on the user's own machine). One command: list a directory.
import { z } from 'zod';
import { pathSchema } from './inputs.js';
import { FILE_EXTENSIONS } from './file-extensions.js';
import { command } from './lazy-command.js';
import { lazySchema } from '../request/lazy-schema.js';

/** Which files a field wants; folders are always listed (to walk into). */
export const fileFilterSchema = lazySchema(() =>
  z.enum(['any', 'proto', 'descriptorSet', 'certificate', 'data', 'folder']),
);

/** The file extensions each kind of field wants (file-extensions.ts: no zod, for the renderer). */
export { FILE_EXTENSIONS };
// Every kind of file a field takes has its extensions there.
FILE_EXTENSIONS satisfies Record<
  Exclude<z.infer<typeof fileFilterSchema>, 'any' | 'folder'>,
  readonly `.${string}`[]
>;

/** The most entries one answer holds: a folder of a million files must not become one reply. */
export const MAX_LISTED_ENTRIES = 5000;

const entrySchema = lazySchema(() =>
  z.object({
    name: z.string(),
    /** Absolute. */
    path: z.string(),
    kind: z.enum(['directory', 'file']),
    /** Bytes, for files. */
    size: z.number().int().nonnegative().optional(),
    /** The entry is a symbolic link (kind is what it points to). */
    link: z.boolean().optional(),
  }),
);

export const fileCommands = {
  'files.list': command(() => ({
    input: z.strictObject({
      /** An absolute directory; left out: the user's home folder. */
      path: pathSchema
        .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), {
          message: 'must be an absolute path',
        })
        .optional(),
      showHidden: z.boolean().default(false),
      filter: fileFilterSchema.default('any'),
      limit: z.number().int().positive().max(MAX_LISTED_ENTRIES).default(2000),
    }),
    output: z.object({
      /** The directory listed, absolute and resolved. */
      path: z.string(),
      /** Its parent; null at a root. */
      parent: z.string().nullable(),
      home: z.string(),
      /** Folders first, then files, each by name. */
      entries: z.array(entrySchema),
      /**
       * Files that matched but were left out past `limit` (every folder is always listed), plus
       * symbolic links past the first `limit` that were not followed.
       */
      omitted: z.number().int().nonnegative(),
      /** Hidden entries not shown (showHidden false). */
      hidden: z.number().int().nonnegative(),
    }),
  })),
  /**
   * The desktop app's native open dialog (the host's own: hosts without one, such as the web
   * host, answer `unavailable`, and the page offers `files.list` instead).
   */
  'files.pick': command(() => ({
    input: z.strictObject({
      kind: fileFilterSchema.exclude(['any']),
      multiple: z.boolean().default(false),
      /** A folder to open in (absolute). */
      defaultPath: pathSchema.optional(),
    }),
    output: z.object({ paths: z.array(z.string()), canceled: z.boolean() }),
  })),
} as const;
