// `files.pick` where the host has no native dialog (the web host, `gwb`): a clear answer the page
// turns into its own file browser. The desktop shell replaces this handler with the OS dialog
// (app/electron/file-dialog.ts).
import { WorkbenchError } from '../../shared/contract/errors.js';

export function noNativeFileDialog(): never {
  throw new WorkbenchError(
    'unavailable',
    'This host has no native file dialog; choose the files in the file browser instead.',
  );
}
