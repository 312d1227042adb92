export { createRouter } from './router.js';
export type { Router, RouterOptions } from './router.js';
export { errorToData } from './errors.js';
