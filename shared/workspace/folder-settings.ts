// A folder's (or a collection's) settings: `collections/<collection>/<folder…>/folder.json`.
// Optional: a folder without the file has none. Today it holds the auth its requests inherit.
// Declared once: the contract's folder commands carry the same settings, without the file's version.
import { z } from 'zod';
import { AuthSchema } from '../request/auth.js';
import { lazySchema } from '../request/lazy-schema.js';

export const FOLDER_SETTINGS_FILE = 'folder.json';
export const FOLDER_SETTINGS_VERSION = 1;

/** The settings themselves, as the folder commands read and write them. */
export const FolderSettingsValuesSchema = lazySchema(() =>
  z.strictObject({
    /** The auth of the requests inside that inherit (and of subfolders that do). */
    auth: AuthSchema.optional(),
  }),
);
export type FolderSettingsValues = z.infer<typeof FolderSettingsValuesSchema>;

/** The file: the settings and the format's version. */
export const FolderSettingsSchema = lazySchema(() =>
  FolderSettingsValuesSchema.extend({
    version: z.literal(FOLDER_SETTINGS_VERSION),
  }),
);
export type FolderSettings = z.infer<typeof FolderSettingsSchema>;
