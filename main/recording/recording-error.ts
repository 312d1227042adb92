import { WorkbenchError } from '../../shared/contract/errors.js';

/** A recording file that cannot be used: the message names the file and, where it applies, the line. */
export class RecordingError extends WorkbenchError {
  override readonly name = 'RecordingError';
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    // A bad file or line is the user's input.
    super(
      'invalid_input',
      line === undefined ? `${file}: ${message}` : `${file}:${line}: ${message}`,
      line === undefined ? { file } : { file, line },
    );
  }
}
