// Big synthetic recordings for the memory test and the benchmark, written through the real writer.
// Messages are hand-encoded (two string fields) so that making a million of them is quick.
import type { CallEvent } from '../../../shared/calls/events.js';
import { exampleSchema } from '../recording.testkit.js';
import { recordingHeaderFor } from '../writer/call-recorder.js';
import { createRecordingWriter } from '../writer/recording-writer.js';

/** protobuf wire bytes of a message with string fields 1 and 2 (ChatMessage, Record key+text). */
export function twoStrings(a: string, b: string): Buffer {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.concat([Buffer.from([0x0a, x.length]), x, Buffer.from([0x12, y.length]), y]);
}

type Body = Omit<CallEvent, 'seq' | 't'> & Record<string, unknown>;

/** A writer that numbers events itself: `put(body, t)`. */
export function syntheticWriter(path: string, method: string) {
  const schema = exampleSchema();
  const header = recordingHeaderFor(
    { registry: schema.registry, method, target: 'synthetic:0' },
    path,
  );
  const w = createRecordingWriter({ path, header });
  let seq = 0;
  return {
    header,
    put(body: Body, t: number): void {
      w.write({ ...body, seq: seq++, t } as CallEvent);
    },
    close: () => w.close(),
  };
}

/**
 * A demo Chat session: `pairs` client messages, each answered as the demo server answers
 * ("Hello, uN!"), so a replay against the demo server diffs identical.
 */
export async function writeSyntheticChat(path: string, pairs: number): Promise<void> {
  const w = syntheticWriter(path, '/example.ChatService/Chat');
  w.put(
    {
      type: 'started',
      at: Date.now(),
      method: w.header.method,
      kind: 'bidi_stream',
      target: 'synthetic:0',
      metadata: [],
    },
    0,
  );
  // What a grpc-js server sends, so a replay against the demo server diffs identical.
  w.put(
    { type: 'headers', metadata: [{ key: 'content-type', value: 'application/grpc+proto' }] },
    0.5,
  );
  for (let i = 0; i < pairs; i++) {
    const sender = `u${i}`;
    const out = twoStrings(sender, 'hi');
    w.put(
      {
        type: 'sent',
        message: { sender, content: 'hi' },
        size: out.length,
        raw: out.toString('base64'),
      },
      1 + i * 0.01,
    );
    const content = `Hello, ${sender}!`;
    const back = twoStrings('Workbench', content);
    w.put(
      {
        type: 'received',
        message: { sender: 'Workbench', content },
        size: back.length,
        raw: back.toString('base64'),
      },
      1.005 + i * 0.01,
    );
  }
  const end = 2 + pairs * 0.01;
  w.put({ type: 'half_closed' }, end);
  w.put(
    { type: 'status', status: { code: 0, codeName: 'OK', message: 'OK', details: [] } },
    end + 1,
  );
  w.put({ type: 'ended', durationMs: end + 1 }, end + 1);
  await w.close();
}

/** A BatchService/Upload of `count` records {key, text}; the answer is not recorded (bench use). */
export async function writeSyntheticUpload(path: string, count: number): Promise<void> {
  const w = syntheticWriter(path, '/example.BatchService/Upload');
  w.put(
    {
      type: 'started',
      at: Date.now(),
      method: w.header.method,
      kind: 'client_stream',
      target: 'synthetic:0',
      metadata: [],
    },
    0,
  );
  for (let i = 0; i < count; i++) {
    const key = `k${i}`;
    const out = twoStrings(key, 'payload-payload');
    w.put(
      {
        type: 'sent',
        message: { key, text: 'payload-payload' },
        size: out.length,
        raw: out.toString('base64'),
      },
      i * 0.01,
    );
  }
  w.put({ type: 'half_closed' }, count * 0.01);
  await w.close();
}
