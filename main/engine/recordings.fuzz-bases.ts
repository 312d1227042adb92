// Valid-looking inputs for every recording command, for the router fuzz test to corrupt.
import type { RecordingCommandName } from './recordings.js';

export function recordingBases(): Record<RecordingCommandName, Record<string, unknown>> {
  const id = 'example.LogService/Tail/none.ndjson';
  return {
    'recording.list': { method: '/example.LogService/Tail' },
    'recording.read': { id, fromSeq: 0, limit: 10 },
    'recording.find': { id, query: 'x', caseSensitive: false, skip: 0, limit: 10, group: 'g' },
    'recording.export': { id, format: 'json' },
    'recording.import': { text: '{"format":"gwb-recording"}\n' },
    'recording.delete': { id },
    'recording.replay': {
      id,
      connection: { address: '127.0.0.1:1', security: { kind: 'plaintext' } },
      metadata: [{ key: 'authorization', value: 'Bearer t' }],
      speed: 'max',
      ignore: ['at'],
    },
    'recording.diff': { a: id, b: id, ignore: [], messagesFrom: 0, messagesLimit: 20 },
    'mock.start': { recordingIds: [id], port: 0 },
    'mock.stop': { mockId: 'mock-none' },
    'mock.list': {},
  };
}
