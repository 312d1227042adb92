// Recording, browsing, replaying, diffing and mocking streaming sessions (issue 6).
export { RecordingError } from './recording-error.js';
export {
  createRecordingWriter,
  type RecordingWriter,
  type RecordingWriterOptions,
} from './writer/recording-writer.js';
export {
  createCallRecorder,
  recordingHeaderFor,
  type CallRecorder,
  type CallRecorderOptions,
} from './writer/call-recorder.js';
export * from './reader/index.js';
export {
  replayRecording,
  replayConnection,
  type ReplayOptions,
  type ReplayResult,
  type ReplaySpeed,
} from './replay/replay-recording.js';
export { STREAMING_CHANNEL_OPTIONS } from '../channels/index.js';
export * from './diff/index.js';
export * from './find/index.js';
export {
  startMockServer,
  type MockServer,
  type MockServerOptions,
  type MockSpeed,
} from './mock/index.js';
export { recordingCodecs, headerFiles, type RecordingCodecs } from './recording-schema.js';
export { mockCommand, type MockCommandOptions, type MockCommandHandle } from './cli-commands.js';
