export {
  findInRecording,
  type FindHit,
  type FindOptions,
  type FindResult,
} from './find-in-recording.js';
export { matchEvent, textTest } from './match-fields.js';
