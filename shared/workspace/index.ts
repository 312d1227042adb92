export * from './saved-request.js';
export * from './environment.js';
export * from './schema-source.js';
export * from './history.js';
export * from './tree.js';
