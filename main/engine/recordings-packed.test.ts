// The recordings of a file of several (`gwb proxy`'s `*.recordings`, written here by the real
// writer: a recording thread appending short calls to a RecordingPack) in the workbench: each is
// listed as its own entry (`FILE.recordings#N`) and read, found in, exported, replayed, diffed
// and served as a mock like any recording; a corrupt or cut file says file and recording; ids
// still cannot leave the recordings folder.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingPackName } from '../capture/call-record.js';
import { HOLDS_NO_RECORDING, recordingStarts } from '../recording/index.js';
import {
  exampleSchema,
  plainClient,
  recordCall,
  type RecordCallOptions,
} from '../recording/recording.testkit.js';
import { RecordingPack } from '../recording/writer/recording-pack.js';
import { RecordingThread } from '../recording/writer/recording-thread.js';
import { createRecordingsStore } from './recordings-store.js';
import { callEventsOf, demoRequest, startDemoEngineKit, type EngineKit } from './engine.testkit.js';

const GET_USER = '/example.UserService/GetUser';
const TAIL = '/example.LogService/Tail';
const CALLS: [string, RecordCallOptions['requests']][] = [
  [GET_USER, [{ id: '1' }]],
  [TAIL, [{ source: 'pack', lines: 3, interval_ms: 1 }]],
  [GET_USER, [{ id: '2' }]],
];

let kit: EngineKit;
let target: string;
let schemaId: string;
let packFile = '';
/** `proxied/NAME.recordings#N` for N = 1..3. */
let ids: string[] = [];

const errorOf = async (name: 'recording.read', input: { id: string }) =>
  kit.router.invoke(name, input);

beforeAll(async () => {
  ({ kit, target, schemaId } = await startDemoEngineKit());
  const folder = join(kit.dataDir, 'recordings', 'proxied');
  mkdirSync(folder, { recursive: true });
  const packed = {
    thread: new RecordingThread(),
    pack: new RecordingPack(() => recordingPackName(folder)),
    // Every call counts as short (over before its first flush), however loaded the machine.
    flushIntervalMs: 60_000,
  };
  const client = plainClient(target);
  const schema = exampleSchema();
  for (const [i, [method, requests]] of CALLS.entries())
    await recordCall({
      client,
      schema,
      method,
      target,
      requests,
      packed,
      out: join(folder, `never-${i}.ndjson`),
    });
  client.close();
  // All three went into one file of several, none into a file of its own.
  const names = readdirSync(folder);
  expect(names).toEqual([expect.stringMatching(/\.recordings$/)]);
  packFile = join(folder, names[0]!);
  expect(packFile.endsWith('.recordings')).toBe(true);
  expect(recordingStarts(packFile).offsets).toHaveLength(3);
  ids = [1, 2, 3].map((n) => `proxied/${names[0]}#${n}`);
}, 30_000);

afterAll(async () => {
  await kit.close();
});

describe('recordings of a file of several in the workbench', () => {
  it('lists each as its own entry, newest first, with method, time, status and its own size', async () => {
    const { recordings, errors } = await kit.call('recording.list', {});
    expect(errors).toEqual([]);
    expect(recordings.map((r) => r.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(recordings.map((r) => [r.method, r.status, r.complete, r.sent, r.received])).toEqual([
      [GET_USER, 'OK', true, 1, 1],
      [TAIL, 'OK', true, 1, 3],
      [GET_USER, 'OK', true, 1, 1],
    ]);
    for (const r of recordings) expect(r.startedAt).toBeGreaterThan(Date.now() - 60_000);
    expect(recordings.reduce((sum, r) => sum + r.sizeBytes, 0)).toBe(statSync(packFile).size);
    const byMethod = await kit.call('recording.list', { method: GET_USER });
    expect(byMethod.recordings.map((r) => r.id)).toEqual([ids[2], ids[0]]);
  });

  it('pages through one, finds in it and exports it (ndjson: its bytes in the file)', async () => {
    const first = await kit.call('recording.read', { id: ids[1]!, limit: 3 });
    expect(first.recording.id).toBe(ids[1]);
    const rest = await kit.call('recording.read', {
      id: ids[1]!,
      fromSeq: first.nextSeq!,
      limit: 100,
    });
    expect(rest.nextSeq).toBeNull();
    const texts = [...first.events, ...rest.events].flatMap((e) =>
      e.type === 'received' ? [(e.message as { text: string }).text] : [],
    );
    expect(texts).toEqual(['pack: line 1', 'pack: line 2', 'pack: line 3']);

    expect((await kit.call('recording.find', { id: ids[1]!, query: 'pack: line' })).total).toBe(3);
    expect((await kit.call('recording.find', { id: ids[2]!, query: 'pack: line' })).total).toBe(0);

    const starts = recordingStarts(packFile).offsets;
    const bytes = readFileSync(packFile).subarray(starts[1], starts[2]).toString('utf8');
    const ndjson = await kit.call('recording.export', { id: ids[1]!, format: 'ndjson' });
    expect(ndjson.text).toBe(bytes);
    const base = packFile
      .split('/')
      .at(-1)!
      .replace(/\.recordings$/, '');
    expect(ndjson.fileName).toBe(`example.LogService.Tail-${base}-2.ndjson`);
    const json = await kit.call('recording.export', { id: ids[1]!, format: 'json' });
    expect(JSON.parse(json.text)).toMatchObject({ header: { method: TAIL } });
    expect(JSON.parse(json.text).events).toHaveLength(first.recording.events);
  });

  it('replays one against its server and diffs two of the file', async () => {
    const replay = await kit.call('recording.replay', { id: ids[2]! });
    expect(replay.recording.replayOf).toBe(ids[2]);
    expect(replay.diff.identical).toBe(true);
    const diff = await kit.call('recording.diff', { a: ids[0]!, b: ids[2]! });
    expect(diff.diff.identical).toBe(false);
    expect(diff.diff.server.differing).toBe(1);
  });

  it('serves one as a mock that a real call reaches, reporting it by its id', async () => {
    const mock = await kit.call('mock.start', { recordingIds: [ids[2]!] });
    expect(mock.recordings).toEqual([ids[2]]);
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(`127.0.0.1:${mock.port}`, GET_USER, [{ id: '2' }]),
      record: false,
    });
    await kit.waitForEvent(
      'call.events',
      (p) => p.callId === callId && p.events.some((e) => e.type === 'ended'),
    );
    const answer = callEventsOf(kit.events, callId).find((e) => e.type === 'received');
    const recorded = (await kit.call('recording.read', { id: ids[2]!, limit: 100 })).events.find(
      (e) => e.type === 'received',
    );
    expect(answer && 'message' in answer && answer.message).toEqual(
      recorded && 'message' in recorded && recorded.message,
    );
    const report = await kit.waitForEvent('mock.calls', (p) => p.mockId === mock.mockId);
    expect(report.calls).toMatchObject([{ method: GET_USER, recording: ids[2] }]);
    await kit.call('mock.stop', { mockId: mock.mockId });
    // All of a method: the recordings of the file of several are among them (with the replay's).
    const ofMethod = await kit.call('mock.start', { method: GET_USER });
    expect(ofMethod.recordings).toEqual(expect.arrayContaining([ids[2], ids[0]]));
    expect(ofMethod.recordings).not.toContain(ids[1]);
    await kit.call('mock.stop', { mockId: ofMethod.mockId });
  });

  it('says which file and number for a number the file does not have, and will not delete one alone', async () => {
    const missing = await errorOf('recording.read', { id: ids[0]!.replace(/#1$/, '#4') });
    expect(missing).toMatchObject({ t: 'error', code: 'not_found' });
    expect(JSON.stringify(missing)).toContain('holds 3 recordings');
    const gone = await errorOf('recording.read', { id: 'proxied/none.recordings#1' });
    expect(gone).toMatchObject({ t: 'error', code: 'not_found' });
    const deleted = await kit.router.invoke('recording.delete', { id: ids[0]! });
    expect(deleted).toMatchObject({ t: 'error', code: 'invalid_input' });
    expect(recordingStarts(packFile).offsets).toHaveLength(3);
  });
});

describe('a corrupt or cut file of several', () => {
  it('lists the good recordings and names the file, recording and line of the bad one', async () => {
    const folder = join(kit.dataDir, 'recordings', 'broken');
    mkdirSync(folder, { recursive: true });
    const lines = readFileSync(packFile, 'utf8').split('\n');
    const secondHeader = recordingStarts(packFile).lines[1]!;
    // A line of recording #2 (after its header) is garbage.
    const corrupt = [...lines];
    corrupt[secondHeader] = '{not json';
    writeFileSync(join(folder, 'corrupt.recordings'), corrupt.join('\n'));
    // The file ends in the middle of the last recording's second line.
    const whole = readFileSync(packFile);
    const lastStart = recordingStarts(packFile).offsets[2]!;
    const cutAt = whole.indexOf('\n', lastStart) + 10;
    writeFileSync(join(folder, 'cut.recordings'), whole.subarray(0, cutAt));

    const { recordings, errors } = await kit.call('recording.list', {});
    const listed = recordings.map((r) => r.id).filter((id) => id.startsWith('broken/'));
    expect(listed).toEqual(
      expect.arrayContaining([
        'broken/corrupt.recordings#3',
        'broken/corrupt.recordings#1',
        'broken/cut.recordings#3',
        'broken/cut.recordings#2',
        'broken/cut.recordings#1',
      ]),
    );
    expect(listed).not.toContain('broken/corrupt.recordings#2');
    expect(recordings.find((r) => r.id === 'broken/cut.recordings#3')?.complete).toBe(false);
    expect(errors).toEqual([
      {
        id: 'broken/corrupt.recordings#2',
        error: expect.stringContaining(`corrupt.recordings#2:${secondHeader + 1}: not valid JSON`),
      },
    ]);
    const read = await errorOf('recording.read', { id: 'broken/corrupt.recordings#2' });
    expect(read).toMatchObject({ t: 'error', code: 'invalid_input' });
    expect(JSON.stringify(read)).toContain(`corrupt.recordings#2:${secondHeader + 1}`);
  });

  it('names a file that holds no recording (empty, or cut in its first header) among the errors', async () => {
    const folder = join(kit.dataDir, 'recordings', 'none');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'empty.recordings'), '');
    writeFileSync(join(folder, 'begun.recordings'), readFileSync(packFile).subarray(0, 12));
    const { recordings, errors } = await kit.call('recording.list', {});
    expect(recordings.filter((r) => r.id.startsWith('none/'))).toEqual([]);
    expect(errors.filter((e) => e.id.startsWith('none/'))).toEqual(
      ['empty', 'begun'].map((name) => ({
        id: `none/${name}.recordings`,
        error: `${join(folder, name)}.recordings: ${HOLDS_NO_RECORDING}`,
      })),
    );
  });
});

describe('ids of recordings of a file of several cannot leave the recordings folder', () => {
  const refused = [
    '../proxied/x.recordings#1',
    'proxied/../../x.recordings#1',
    '/tmp/x.recordings#1',
    'x.recordings#1/../../../etc/passwd.ndjson#1',
    'x.recordings',
    'x.recordings#0',
    'x.recordings#01',
    'x.recordings#-1',
    'x.recordings#1#2',
    'x.ndjson#1',
    'x#1.recordings#1',
    'x.recordings#1/y.ndjson',
  ];
  it.each(refused)('the contract refuses %s', async (id) => {
    expect(await kit.router.invoke('recording.read', { id })).toMatchObject({
      t: 'error',
      code: 'invalid_input',
    });
  });

  it('the store refuses an id that resolves outside the folder, whatever the contract let through', () => {
    const store = createRecordingsStore(join(kit.dataDir, 'recordings'));
    expect(() => store.fileOf('../x.recordings#1')).toThrow(/outside the recordings folder/);
    expect(() => store.fileOf('proxied/../../x.recordings#2')).toThrow(
      /outside the recordings folder/,
    );
    expect(store.fileOf('proxied/x.recordings#2')).toBe(
      join(kit.dataDir, 'recordings', 'proxied', 'x.recordings#2'),
    );
  });
});
