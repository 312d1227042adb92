// What every reader of a recording's span says of it, for the tests of a file that changed under
// a span (span-file-replaced, span-written-over): each reader opens the file for itself.
import { createMessageCodec } from '../../codec/index.js';
import { exampleSchema } from '../recording.testkit.js';
import { ClientSteps } from '../replay/client-steps.js';
import {
  copyRecording,
  EventCursor,
  exportRecording,
  readHeader,
  type RecordingSpan,
} from './index.js';

/**
 * What each reader of `span` says: 'read' when it reads to the end without an error, else its
 * error. The header, the events, replay's steps, a copy and an export (written as `file(name)`).
 */
export async function whatReadersSay(
  span: RecordingSpan,
  file: (name: string) => string,
): Promise<string[]> {
  const said = (read: () => Promise<unknown>): Promise<string> =>
    read().then(
      () => 'read',
      (error: unknown) => String(error),
    );
  const codec = createMessageCodec(exampleSchema().registry, 'example.ChatMessage');
  return [
    await said(() => readHeader(span)),
    await said(async () => {
      const cursor = new EventCursor(span);
      while (await cursor.next());
    }),
    await said(async () => {
      const steps = new ClientSteps(span, (message) => codec.encode(message));
      try {
        while (await steps.more()) while (steps.step());
      } finally {
        await steps.close();
      }
    }),
    await said(() => copyRecording(span, file('copy.ndjson'))),
    await said(() => exportRecording(span, file('export.json'), 'json')),
  ];
}
