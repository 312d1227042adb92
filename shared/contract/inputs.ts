// Reusable input pieces. Limits are generous for real use and small enough that a hostile
// payload cannot make the engine allocate without bound.

import { z } from 'zod';
import { lazySchema } from '../request/lazy-schema.js';

/** A file system path as the user typed or picked it. NUL bytes never belong in a path. */
export const pathSchema = lazySchema(() =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(4096, 'longer than 4096 characters')
    .refine((p) => !p.includes('\0'), 'must not contain NUL bytes'),
);

export const idSchema = lazySchema(() =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(128, 'longer than 128 characters')
    .regex(/^[A-Za-z0-9_.:-]+$/, 'may only contain letters, digits and _ . : -'),
);

/** `host:port`, `dns:///host:port`, `unix:/path` …; grpc-js parses it, we only bound it. */
export const targetSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(1024, 'longer than 1024 characters')
    .refine((t) => !/[\s\0]/.test(t), 'must not contain whitespace'),
);

/** The one connection shape (shared/request): contract, saved file, tab and CLI alike. */
export {
  ConnectionSchema as connectionSchema,
  SecuritySchema as securitySchema,
} from '../request/connection.js';

/** Metadata as entered; keys and values are checked for gRPC legality by the engine. */
export const metadataInputSchema = lazySchema(() =>
  z.array(z.object({ key: z.string().min(1).max(1024), value: z.string().max(1 << 20) })).max(1000),
);

/** A label the caller picks so it can tell its own progress events apart. */
export const progressIdSchema = lazySchema(() => z.string().min(1).max(128).optional());
