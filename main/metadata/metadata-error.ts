import { WorkbenchError } from '../../shared/contract/errors.js';

/** Thrown before anything is sent when a metadata entry cannot go on the wire; names the entry. */
export class MetadataError extends WorkbenchError {
  override readonly name = 'MetadataError';
  constructor(
    message: string,
    /** Index of the offending entry in the list given, or -1 for a header string. */
    readonly index: number,
    readonly key: string,
  ) {
    super('metadata_error', message, { index, key });
  }
}
