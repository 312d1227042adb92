// The workspace on disk: saved requests, environments, secrets, history, import/export.
// See README.md in this folder for the layout and the guarantees.
export { openWorkspace, Workspace, type OpenWorkspaceOptions } from './workspace.js';
export { WorkspaceError } from './store/workspace-error.js';
export { writeFileAtomic } from './store/atomic-write.js';
export { defaultDataDir, defaultWorkspaceDir, defaultSecretPaths } from './data-dir.js';
export { documentOf, normalizeRequest, requestNodeOf } from './request-files.js';
export type { EnvironmentListing } from './environments.js';
export type { HistoryAppend, HistoryLimits, HistoryListing } from './history/history-store.js';
export type { WatchOptions } from './watch.js';
export { flagStaleRequests, checkRequest, type StaleRequest } from './schema-check.js';
export {
  FileSecretStore,
  memorySecretStore,
  loadOrCreateKey,
  type SecretStore,
  type FileSecretStoreOptions,
  type SecretKeySource,
} from './variables/secret-store.js';
export {
  substituteRequest,
  makeLookup,
  describeUnknown,
  type PreparedRequest,
} from './variables/substitute-request.js';
export { substituteText, variableNames } from './variables/template.js';
export { DYNAMIC_NAMES } from './variables/dynamic.js';
export { parsePostmanCollection, type PostmanImport } from './import/postman.js';
export {
  exportCollection,
  importCollection,
  CollectionExportSchema,
  type CollectionExport,
} from './import/collection-file.js';
export { importPostman } from './import/workspace-imports.js';
