import { z } from 'zod';
import { boundedText } from './bounded-text.js';
import { lazySchema } from './lazy-schema.js';
import { TEXT } from './text-limits.js';

/** One metadata row as entered; gRPC legality of keys and values is checked by the engine. */
export const MetadataRowSchema = lazySchema(() =>
  z.strictObject({
    key: boundedText(TEXT.metadataKey),
    value: boundedText(TEXT.metadataValue),
    /** A disabled row is kept (in the tab and the file) but not sent. */
    enabled: z.boolean().optional(),
  }),
);
export type MetadataRow = z.infer<typeof MetadataRowSchema>;

// A plain function, in a zod-free module (the renderer imports it).
export { sentMetadata } from './sent-metadata.js';
