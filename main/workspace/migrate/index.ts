// Reading older formats of workspace files (see request-file.ts for the rules).
export { BACKUP_DIR, MIGRATION_LOG, requestFromFileValue } from './request-file.js';
export { historyEntryFromValue } from './history-entry.js';
export { CollectionExportV1Schema } from './v1-format.js';
export { requestFromV1, messagesOf, type SourceList } from './v1-to-v2.js';
