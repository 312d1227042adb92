// The saved-request file format (`*.grpc.json`): the request document (shared/request) with a
// format version. One file per request, written with the key order of these schemas so a re-save
// of an unchanged request is byte-identical (diff- and merge-friendly).
import { z } from 'zod';
import { METHOD_PATH, RequestDocumentSchema } from '../request/document.js';
import { lazySchema } from '../request/lazy-schema.js';

/**
 * 2: the request holds a list of `messages` and its schema source inline. (1 had one `body`,
 * an array for streams, and a `schemaSource` id into workspace.json; migrated on first read.)
 */
export const REQUEST_FORMAT_VERSION = 2;
export const REQUEST_FILE_SUFFIX = '.grpc.json';

export const SavedRequestSchema = lazySchema(() =>
  z.strictObject({
    version: z.literal(REQUEST_FORMAT_VERSION),
    ...RequestDocumentSchema.shape,
    /** A saved request always names its method. */
    method: z.string().regex(METHOD_PATH, 'must look like /package.Service/Method'),
  }),
);
export type SavedRequest = z.infer<typeof SavedRequestSchema>;
