import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallEvent, JsonValue } from '../../../shared/calls/events.js';
import { createMessageCodec } from '../../codec/index.js';
import { RecordingError } from '../recording-error.js';
import { exampleSchema, tempDir } from '../recording.testkit.js';
import { recordingHeaderFor } from '../writer/call-recorder.js';
import { createRecordingWriter } from '../writer/recording-writer.js';
import { ClientSteps, type ClientStepKind } from './client-steps.js';

interface Step {
  kind: ClientStepKind;
  t: number;
  bytes?: Buffer;
  /** The part of the line replay reuses. */
  head?: string;
}
type SendStep = Required<Step>;

const tmp = tempDir();
afterAll(() => tmp.remove());
const schema = exampleSchema();
const codec = createMessageCodec(schema.registry, 'example.ChatMessage');
const encode = (message: JsonValue): Uint8Array => codec.encode(message);

/** A Chat recording written by our writer, then `extra` raw lines appended as they are. */
async function recording(name: string, events: CallEvent[], extra = ''): Promise<string> {
  const path = tmp.file(name);
  const header = recordingHeaderFor(
    { registry: schema.registry, method: '/example.ChatService/Chat', target: 't' },
    path,
  );
  const writer = createRecordingWriter({ path, header });
  events.forEach((e, seq) => writer.write({ ...e, seq }));
  await writer.close();
  if (extra) appendFileSync(path, extra);
  return path;
}

async function steps(path: string, times = true): Promise<Step[]> {
  const all: Step[] = [];
  const reader = new ClientSteps(path, encode, times);
  try {
    do {
      while (reader.step()) {
        const { kind, t } = reader;
        if (kind !== 'send') all.push({ kind, t });
        else {
          const head = reader.head.toString('utf8', reader.headStart, reader.headEnd);
          all.push({ kind, t, bytes: Buffer.from(reader.bytes), head });
        }
      }
    } while (await reader.more());
  } finally {
    await reader.close();
  }
  return all;
}

function sentEvent(message: { sender: string; content: string }, t: number): CallEvent {
  const bytes = Buffer.from(codec.encode(message));
  return { type: 'sent', message, size: bytes.length, raw: bytes.toString('base64'), seq: 0, t };
}

/** The line replay writes for a step, as the event it reads back as. */
function replayedLine(step: SendStep): unknown {
  return JSON.parse(`${step.head},"seq":5,"t":1}`);
}

describe('the client side of a recording, as replay reads it', () => {
  it("takes our writer's sent lines apart as bytes: the recorded bytes and the line up to its seq", async () => {
    const big = 'é'.repeat(200_000); // a 400 KB payload: lines that span read chunks
    const events: CallEvent[] = [
      sentEvent({ sender: 'a', content: 'hi' }, 0.001),
      {
        type: 'received',
        message: { sender: 'w', content: 'x' },
        size: 5,
        raw: 'CgF3EgF4',
        seq: 0,
        t: 1,
      },
      sentEvent({ sender: 'b', content: big }, 0.1 + 0.2), // t with 17 digits
      sentEvent({ sender: '', content: '' }, 12),
      sentEvent(
        { sender: 'c', content: 'ünïcødé ☺ 😈 "quoted" ,"size":1,"raw":"AA==","seq":1' },
        1e-7,
      ),
      sentEvent({ sender: 'd', content: big }, 86_400_000.123),
      { type: 'half_closed', seq: 0, t: 90_000_000 },
    ];
    const path = await recording('fast.ndjson', events);
    const lines = readFileSync(path, 'utf8').split('\n');
    const got = await steps(path);
    expect(got.map((s) => s.kind)).toEqual(['send', 'send', 'send', 'send', 'send', 'half_close']);
    const sent = events.filter((e) => e.type === 'sent');
    const sentLines = lines.filter((l) => l.includes('"type":"sent"'));
    got.slice(0, 5).forEach((step, i) => {
      const s = step as SendStep;
      const e = sent[i] as Extract<CallEvent, { type: 'sent' }>;
      expect(s.t).toBe(e.t);
      expect(s.bytes.toString('base64')).toBe(e.raw);
      // The head is the recorded line's own bytes, cut before its seq.
      const line = sentLines[i] as string;
      expect(s.head).toBe(line.slice(0, line.indexOf(',"seq":')));
    });
    expect(got[5]?.t).toBe(90_000_000);
  });

  it('lines the byte parser refuses are parsed in full and come out the same', async () => {
    const hi = Buffer.from(codec.encode({ sender: 'a', content: 'hi' }));
    const b64 = hi.toString('base64');
    const unpadded = Buffer.from(codec.encode({ sender: 'ab', content: 'h' }));
    const extra = [
      // spaced out, keys in another order
      `{ "t": 2, "seq": 1, "type": "sent", "dir": "client", "message": {"sender":"a","content":"hi"}, "size": ${hi.length}, "raw": "${b64}" }`,
      // no raw: encoded from the message
      `{"dir":"client","type":"sent","message":{"sender":"a","content":"hi"},"size":${hi.length},"seq":2,"t":3}`,
      // raw without padding, and a size that does not match it
      `{"dir":"client","type":"sent","message":{"sender":"ab","content":"h"},"size":99,"raw":"${unpadded.toString('base64').replace(/=+$/, '')}","seq":3,"t":4}`,
      // an escape in raw
      `{"dir":"client","type":"sent","message":{"sender":"a","content":"hi"},"size":${hi.length},"raw":"${b64.replace('C', '\\u0043')}","seq":4,"t":4.5}`,
      // url-safe base64
      `{"dir":"client","type":"sent","message":{},"size":3,"raw":"-_-_","seq":4,"t":5}`,
      // a space after the closing brace
      `{"dir":"client","type":"sent","message":{"sender":"a","content":"hi"},"size":${hi.length},"raw":"${b64}","seq":5,"t":6} `,
      // a decode error recorded after raw
      `{"dir":"client","type":"sent","message":null,"size":1,"raw":"AA==","decodeError":"bad \\"x\\"","seq":6,"t":7}`,
      `{"dir":"local","type":"status","status":{"code":1,"codeName":"CANCELLED","message":"","details":[]},"seq":7,"t":8}`,
      '',
    ].join('\n');
    const path = await recording('slow.ndjson', [], extra);
    const got = await steps(path);
    expect(got.map((s) => `${s.kind}@${s.t}`)).toEqual([
      'send@2',
      'send@3',
      'send@4',
      'send@4.5',
      'send@5',
      'send@6',
      'send@7',
      'cancel@8',
    ]);
    const sends = got.filter((s): s is SendStep => s.kind === 'send');
    const expected = [
      { message: { sender: 'a', content: 'hi' }, bytes: hi },
      { message: { sender: 'a', content: 'hi' }, bytes: hi },
      { message: { sender: 'ab', content: 'h' }, bytes: unpadded },
      { message: { sender: 'a', content: 'hi' }, bytes: hi },
      { message: {}, bytes: Buffer.from('-_-_', 'base64') },
      { message: { sender: 'a', content: 'hi' }, bytes: hi },
      { message: null, bytes: Buffer.from([0]) },
    ];
    sends.forEach((s, i) => {
      const want = expected[i] as { message: JsonValue; bytes: Buffer };
      expect(s.bytes).toEqual(want.bytes);
      // Sizes are the bytes sent; raw is what was recorded, else the bytes sent.
      expect(replayedLine(s)).toMatchObject({
        dir: 'client',
        type: 'sent',
        message: want.message,
        size: want.bytes.length,
      });
    });
    expect((replayedLine(sends[1] as SendStep) as { raw: string }).raw).toBe(b64);
    expect((replayedLine(sends[3] as SendStep) as { raw: string }).raw).toBe(b64);
    expect((replayedLine(sends[4] as SendStep) as { raw: string }).raw).toBe('-_-_');
  });

  it('without times (max speed), a time that is not a plain decimal is left unread', async () => {
    const events = [
      sentEvent({ sender: 'a', content: 'hi' }, 12.345),
      sentEvent({ sender: 'b', content: 'hi' }, 0.1 + 0.2),
      sentEvent({ sender: 'c', content: 'hi' }, 1e-7),
    ];
    const path = await recording('times.ndjson', events);
    expect((await steps(path, false)).map((s) => s.t)).toEqual([12.345, NaN, NaN]);
    expect((await steps(path, true)).map((s) => s.t)).toEqual([12.345, 0.1 + 0.2, 1e-7]);
    const withoutTimes = await steps(path, false);
    expect(withoutTimes.map((s) => s.head)).toEqual((await steps(path, true)).map((s) => s.head));
  });

  it('a cut last line ends the steps; a bad line before it is an error naming file and line', async () => {
    const events = [
      sentEvent({ sender: 'a', content: 'hi' }, 1),
      sentEvent({ sender: 'b', content: 'yo' }, 2),
    ];
    const whole = readFileSync(await recording('whole.ndjson', events), 'utf8');
    const lastLine = whole.trimEnd().split('\n').at(-1) as string;
    for (const cut of [5, lastLine.length - 12, lastLine.length - 1]) {
      const path = tmp.file(`cut-${cut}.ndjson`);
      writeFileSync(path, whole.slice(0, whole.length - 1 - lastLine.length + cut));
      expect(
        (await steps(path)).map((s) => s.t),
        `cut at ${cut}`,
      ).toEqual([1]);
    }
    const corrupt = tmp.file('corrupt.ndjson');
    const lines = whole.split('\n');
    lines.splice(2, 0, '{"dir":"client","type":"sent","message":{},"size":1,"raw":"A');
    writeFileSync(corrupt, lines.join('\n'));
    const error = await steps(corrupt).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordingError);
    expect((error as Error).message).toMatch(/corrupt\.ndjson:3: not valid JSON/);
  });

  it('a sent line that has no raw bytes and does not fit the schema names file and line', async () => {
    const path = await recording(
      'unencodable.ndjson',
      [],
      '{"dir":"client","type":"sent","message":{"nope":1},"size":1,"seq":0,"t":0}\n',
    );
    await expect(steps(path)).rejects.toThrow(
      /unencodable\.ndjson:2: sent message has no raw bytes/,
    );
  });
});
