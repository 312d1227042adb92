// A file of several recordings back to back (gwb proxy's `*.recordings`), each read as `FILE#N`
// by every reader exactly as the same recording in a file of its own; bad numbers, corrupt and
// cut files say file and line.
import * as grpc from '@grpc/grpc-js';
import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/demo-server.js';
import { mockCommand } from '../cli-commands.js';
import { headerFiles, recordingCodecs } from '../recording-schema.js';
import { findInRecording } from '../find/index.js';
import {
  exampleSchema,
  exampleStubs,
  plainClient,
  recordCall,
  tempDir,
} from '../recording.testkit.js';
import {
  buildRecordingIndex,
  copyRecording,
  EventCursor,
  exportRecording,
  readEventsAt,
  readHeader,
  recordingStarts,
  recordingsIn,
  type ReadEvent,
} from './index.js';
import { lineChunks } from './line-chunks.js';
import { HEADER_START, scanRecordingStarts } from './recording-address.js';

const tmp = tempDir();
let demo: DemoServer;
const singles: string[] = [];
let pack = '';
/** Lines of each single recording (the file's line numbers of #n follow those before it). */
const lineCounts: number[] = [];

async function readAll(file: string): Promise<ReadEvent[]> {
  const cursor = new EventCursor(file);
  const out: ReadEvent[] = [];
  for (let e = await cursor.next(); e; e = await cursor.next()) out.push(e);
  return out;
}

const lines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').slice(0, -1);

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
  const target = `127.0.0.1:${demo.port}`;
  const client = plainClient(target);
  const schema = exampleSchema();
  const calls: [string, unknown[]][] = [
    ['/example.UserService/GetUser', [{ id: '1' }]],
    ['/example.LogService/Tail', [{ source: 'pack', lines: 3 }]],
    ['/example.UserService/GetUser', [{ id: '2' }]],
  ];
  for (const [i, [method, requests]] of calls.entries()) {
    const out = tmp.file(`single-${i + 1}.ndjson`);
    await recordCall({ client, schema, method, target, requests: requests as never, out });
    singles.push(out);
    lineCounts.push(lines(out).length);
  }
  client.close();
  pack = tmp.file('calls.recordings');
  writeFileSync(pack, Buffer.concat(singles.map((f) => readFileSync(f))));
}, 30_000);

afterAll(async () => {
  await demo?.close();
  tmp.remove();
});

/** The file's line number of line `line` of recording n (1-based). */
const fileLine = (n: number, line: number): number =>
  lineCounts.slice(0, n - 1).reduce((a, b) => a + b, 0) + line;

describe('a file of several recordings, read as FILE#N', () => {
  it('finds where each recording starts, whatever the size of the reads', () => {
    const starts = recordingStarts(pack);
    const sizes = singles.map((f) => readFileSync(f).length);
    expect(starts.offsets).toEqual([0, sizes[0], (sizes[0] ?? 0) + (sizes[1] ?? 0)]);
    expect(starts.lines).toEqual([1, fileLine(2, 1), fileLine(3, 1)]);
    // A header cut by a read is found whole after the next one.
    for (const readBytes of [1, 2, 7, 25, 26, 27, 64, 1000])
      expect(scanRecordingStarts(pack, readBytes)).toEqual(starts);
    expect(recordingsIn(pack)).toEqual([`${pack}#1`, `${pack}#2`, `${pack}#3`]);
    expect(recordingsIn(singles[0] as string)).toEqual([singles[0]]);
  });

  it('reads each recording as its own file: header, events, index, pages, find, export', async () => {
    for (const [i, single] of singles.entries()) {
      const n = i + 1;
      const address = `${pack}#${n}`;
      expect(await readHeader(address)).toEqual(await readHeader(single));
      const [own, packed] = [await readAll(single), await readAll(address)];
      expect(packed.map((e) => e.event)).toEqual(own.map((e) => e.event));
      // Line numbers are the file's.
      expect(packed.map((e) => e.line)).toEqual(own.map((e) => fileLine(n, e.line)));
      const [ownIndex, packedIndex] = [
        await buildRecordingIndex(single, 2),
        await buildRecordingIndex(address, 2),
      ];
      expect({ ...packedIndex, file: '', entries: [] }).toEqual({
        ...ownIndex,
        file: '',
        entries: [],
      });
      expect(packedIndex.complete).toBe(true);
      const lastSeq = own.at(-1)?.event.seq as number;
      expect(await readEventsAt(packedIndex, { seq: lastSeq - 2, limit: 10 })).toEqual(
        await readEventsAt(ownIndex, { seq: lastSeq - 2, limit: 10 }),
      );
      for (const format of ['ndjson', 'json'] as const) {
        const [a, b] = [tmp.file(`own-${n}.${format}`), tmp.file(`packed-${n}.${format}`)];
        await exportRecording(single, a, format);
        await exportRecording(address, b, format);
        expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
        // A recording may hold secrets' names and any message: its copies are the user's alone.
        expect(statSync(b).mode & 0o777).toBe(0o600);
      }
    }
    // The name the server gave user 2, found in #3 as in its own file.
    const reply = (await readAll(singles[2] as string)).find((e) => e.event.type === 'received');
    const query = String((reply?.event as unknown as { message: { name: string } }).message.name);
    const found = await findInRecording(`${pack}#3`, { query });
    const own = await findInRecording(singles[2] as string, { query });
    expect(found.total).toBeGreaterThan(0);
    expect(found.hits.map((h) => ({ ...h, line: h.line - fileLine(3, 0) }))).toEqual(own.hits);
  });

  it('a number the file does not have, or no number at all, is an error naming the file', async () => {
    // N is written as the proxy prints it: digits, no leading 0, nothing else.
    for (const n of ['0', '4', 'x', '-1', '', '01', '1e0', ' 1', '2.0'])
      await expect(readHeader(`${pack}#${n}`)).rejects.toThrow(
        `${pack}: no recording #${n}: the file holds 3 recordings (#1 to #3)`,
      );
    await expect(readHeader(tmp.file('nope.recordings#1'))).rejects.toThrow(/no such file/);
    // A folder holds no numbered recordings: `dir#1` is a path that does not exist (review29 N-4).
    mkdirSync(tmp.file('dir'));
    await expect(readHeader(tmp.file('dir#1'))).rejects.toThrow(/no such file/);
    // The address's own error, as it is (not wrapped again as 'cannot read: …').
    const error = await readHeader(`${pack}#9`).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `${pack}: no recording #9: the file holds 3 recordings (#1 to #3)`,
    );
    // A file whose own name ends in #N is that file, even beside a file named as the rest.
    const odd = tmp.file('odd.recordings');
    writeFileSync(odd, readFileSync(pack));
    writeFileSync(`${odd}#2`, readFileSync(singles[0] as string));
    expect(await readHeader(`${odd}#2`)).toEqual(await readHeader(singles[0] as string));
    expect(await readHeader(`${odd}#3`)).toEqual(await readHeader(singles[2] as string));
    // The whole file read as one recording stops where the second one starts.
    await expect(readAll(pack)).rejects.toThrow(
      `${pack}:${fileLine(2, 1)}: a second recording starts here: the file holds several recordings, name one as FILE#N`,
    );
  });

  it('a corrupt line in one recording is reported with the file and its line; the others read', async () => {
    const corrupt = tmp.file('corrupt.recordings');
    const all = lines(pack);
    const bad = fileLine(2, 3);
    all[bad - 1] = '{"dir":"server",nope';
    writeFileSync(corrupt, `${all.join('\n')}\n`);
    await expect(readAll(`${corrupt}#2`)).rejects.toThrow(`${corrupt}#2:${bad}: not valid JSON`);
    expect((await buildRecordingIndex(`${corrupt}#1`)).complete).toBe(true);
    expect((await buildRecordingIndex(`${corrupt}#3`)).complete).toBe(true);
  });

  it("an error in a recording's header names the file's line of that header, not line 1", async () => {
    const badHeader = tmp.file('bad-header.recordings');
    const all = lines(pack);
    const line = fileLine(2, 1);
    all[line - 1] = `${HEADER_START},nope`;
    writeFileSync(badHeader, `${all.join('\n')}\n`);
    await expect(readHeader(`${badHeader}#2`)).rejects.toThrow(
      `${badHeader}#2:${line}: not valid JSON`,
    );
    all[line - 1] = `${HEADER_START},"version":"x"}`;
    writeFileSync(badHeader, `${all.join('\n')}\n`);
    await expect(readHeader(`${badHeader}#2`)).rejects.toThrow(
      `${badHeader}#2:${line}: not a gwb recording header`,
    );
    const header = await readHeader(`${pack}#2`);
    expect(() => recordingCodecs({ ...header, requestType: 'no.Such' }, `${pack}#2`)).toThrow(
      `${pack}#2:${line}: the schema in the header cannot be used`,
    );
    expect(() => headerFiles({ ...header, files: ['////'] }, `${pack}#2`)).toThrow(
      `${pack}#2:${line}: header files[0] is not a FileDescriptorProto`,
    );
  });

  it('a file cut in its last line (kill -9 mid-write): the last recording says where, the others are whole', async () => {
    const cut = tmp.file('cut.recordings');
    const bytes = readFileSync(pack);
    writeFileSync(cut, bytes.subarray(0, bytes.length - 10));
    const last = await buildRecordingIndex(`${cut}#3`);
    expect(last).toMatchObject({ complete: false, truncatedAt: fileLine(3, lineCounts[2] ?? 0) });
    for (const n of [1, 2]) expect((await buildRecordingIndex(`${cut}#${n}`)).complete).toBe(true);
  });

  it('a file cut in the first bytes of a header (kill -9 as one starts): the one before is whole', async () => {
    const third = readFileSync(pack).length - readFileSync(singles[2] as string).length;
    for (const kept of [1, 10, HEADER_START.length - 1]) {
      const cut = tmp.file(`cut-header-${kept}.recordings`);
      writeFileSync(cut, readFileSync(pack).subarray(0, third + kept));
      expect(recordingsIn(cut)).toEqual([`${cut}#1`, `${cut}#2`]);
      for (const readBytes of [1, 7, 64])
        expect(scanRecordingStarts(cut, readBytes)).toEqual(recordingStarts(cut));
      expect(await buildRecordingIndex(`${cut}#2`)).toMatchObject({ complete: true });
      const out = tmp.file(`cut-header-${kept}-2.ndjson`);
      await exportRecording(`${cut}#2`, out, 'ndjson');
      expect(readFileSync(out).equals(readFileSync(singles[1] as string))).toBe(true);
    }
  });

  it('the last recording read while more are appended (gwb proxy writing) ends where it ended', async () => {
    const growing = tmp.file('growing.recordings');
    const last = readFileSync(singles[2] as string);
    // A read under way: the span was resolved, then a recording is appended between two reads.
    writeFileSync(growing, readFileSync(pack));
    const chunks: Buffer[] = [];
    for await (const chunk of lineChunks(`${growing}#3`, { readSize: 256 })) {
      if (chunks.length === 0) appendFileSync(growing, readFileSync(singles[0] as string));
      chunks.push(chunk.bytes);
    }
    expect(Buffer.concat(chunks).equals(last)).toBe(true);
    // A copy (gwb replay FILE#N, export) with the append landing once its read has started.
    writeFileSync(growing, readFileSync(pack));
    const out = tmp.file('growing-3.ndjson');
    const copying = copyRecording(`${growing}#3`, out);
    setImmediate(() => appendFileSync(growing, readFileSync(singles[0] as string)));
    await copying;
    expect(readFileSync(out).equals(last)).toBe(true);
  });

  it('gwb mock serves every recording of the file, each chosen by its request', async () => {
    const log: string[] = [];
    const mock = await mockCommand({ inputs: [pack], port: 0, log: (l) => log.push(l) });
    try {
      expect([...mock.methods].sort()).toEqual([
        '/example.LogService/Tail',
        '/example.UserService/GetUser',
      ]);
      const UserService = exampleStubs()['UserService'] as grpc.ServiceClientConstructor;
      const client = new UserService(`127.0.0.1:${mock.port}`, grpc.credentials.createInsecure());
      const getUser = (id: string) =>
        new Promise<unknown>((resolve, reject) =>
          (client as unknown as Record<string, (...a: unknown[]) => void>)['GetUser']!(
            { id },
            (error: Error | null, value: unknown) => (error ? reject(error) : resolve(value)),
          ),
        );
      const [one, two] = [await getUser('1'), await getUser('2')];
      const recorded = async (n: number) =>
        (await readAll(`${pack}#${n}`)).find((e) => e.event.type === 'received')?.event;
      expect({ message: one }).toMatchObject({
        message: (await recorded(1))?.['message' as never],
      });
      expect({ message: two }).toMatchObject({
        message: (await recorded(3))?.['message' as never],
      });
      client.close();
      expect(log.join('')).toContain(`<- ${pack}#3 (`);
    } finally {
      await mock.close();
    }
  });
});
