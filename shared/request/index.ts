export * from './connection.js';
export * from './metadata.js';
export * from './auth.js';
export * from './schema-source.js';
export * from './document.js';
