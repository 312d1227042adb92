import { z } from 'zod';
import { boundedText } from './bounded-text.js';
import { lazySchema } from './lazy-schema.js';

/** One metadata row as entered; gRPC legality of keys and values is checked by the engine. */
export const MetadataRowSchema = lazySchema(() =>
  z.strictObject({
    key: boundedText({ max: 1024 }),
    value: boundedText({ max: 1 << 20 }),
    /** A disabled row is kept (in the tab and the file) but not sent. */
    enabled: z.boolean().optional(),
  }),
);
export type MetadataRow = z.infer<typeof MetadataRowSchema>;

// A plain function, in a zod-free module (the renderer imports it).
export { sentMetadata } from './sent-metadata.js';
