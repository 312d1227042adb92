export { createRouter } from './router.js';
export type { Router, RouterOptions } from './router.js';
export { errorToData, formatPath } from './errors.js';
