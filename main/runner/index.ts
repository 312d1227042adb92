// The collection runner (issue 15): see runner.ts.
export { createRunner, type Runner, type RunnerDeps } from './runner.js';
export { parseDataFile, DataFileError, type DataRow } from './data-file.js';
export { pathFilter, requestsOfTarget } from './run-plan.js';
export { snapshotFileOf, SNAPSHOTS_FOLDER } from './snapshots.js';
