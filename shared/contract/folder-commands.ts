// A folder's settings (folder.json): the auth its requests inherit. Merged into `commands`.
import { z } from 'zod';
import { FolderSettingsValuesSchema as settings } from '../workspace/folder-settings.js';
import { itemPathSchema } from './workspace-commands.js';
import { command } from './lazy-command.js';

export const folderCommands = {
  /** A folder's (or collection's) settings; `{}` when it has none. */
  'folder.readSettings': command(() => ({
    input: z.strictObject({ path: itemPathSchema }),
    output: z.object({ path: z.string(), settings }),
  })),
  /** Checked and written atomically; the folder must exist. */
  'folder.saveSettings': command(() => ({
    input: z.strictObject({ path: itemPathSchema, settings }),
    output: z.object({ path: z.string(), settings }),
  })),
} as const;
