// The one envelope every wire carries (Electron IPC and the web host's WebSocket alike).
// Shapes and plain guards sit in the zod-free `envelope-guards.ts` (what the renderer imports);
// this file adds the schema a host validates incoming calls with.

import { z } from 'zod';
import { lazySchema } from '../request/lazy-schema.js';

export * from './envelope-guards.js';

export const envelopeIdSchema = lazySchema(() =>
  z.union([z.string().min(1).max(128), z.number().int().nonnegative()]),
);

/** What a host accepts from a client: only calls travel that way. */
export const callEnvelopeSchema = lazySchema(() =>
  z.object({
    t: z.literal('call'),
    id: envelopeIdSchema,
    name: z.string().max(128),
    input: z.unknown(),
  }),
);
