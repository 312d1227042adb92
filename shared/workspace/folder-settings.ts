// A folder's (or a collection's) settings: `collections/<collection>/<folder…>/folder.json`.
// Optional: a folder without the file has none. Today it holds the auth its requests inherit.
import { z } from 'zod';
import { AuthSchema } from '../request/auth.js';

export const FOLDER_SETTINGS_FILE = 'folder.json';
export const FOLDER_SETTINGS_VERSION = 1;

export const FolderSettingsSchema = z.strictObject({
  version: z.literal(FOLDER_SETTINGS_VERSION),
  /** The auth of the requests inside that inherit (and of subfolders that do). */
  auth: AuthSchema.optional(),
});
export type FolderSettings = z.infer<typeof FolderSettingsSchema>;
