export {
  fetchReflectionFiles,
  type FetchReflectionOptions,
  type ReflectionResult,
} from './fetch-reflection-files.js';
export {
  ReflectionError,
  type ReflectionErrorKind,
  type ReflectionFailure,
} from './reflection-error.js';
export { reflectionTypes, type ReflectionVersion } from './reflection-descriptor.js';
