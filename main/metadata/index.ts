export { MetadataError } from './metadata-error.js';
export { validateEntry, type ValidEntry } from './validate-entry.js';
export { toGrpcMetadata, fromGrpcMetadata, validateMetadata, sentEntries } from './convert.js';
