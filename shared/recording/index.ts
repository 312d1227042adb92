export * from './types.js';
export {
  parseRecordingEvent,
  parseRecordingHeader,
  recordingEventSchema,
  recordingHeaderSchema,
} from './schema.js';
