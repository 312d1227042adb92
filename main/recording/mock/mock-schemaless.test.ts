// gwb mock of a file or folder holding recordings with no schema (review29 S-6 c): `gwb proxy`
// records a method it has no schema for (gwb's own reflection calls through it among them) with
// `files: []`; such recordings are left out, named in a note, and the others are served. Only
// when nothing is left is the mock refused.
import * as grpc from '@grpc/grpc-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDING_FORMAT, RECORDING_VERSION } from '../../../shared/recording/types.js';
import { mockCommand } from '../cli-commands.js';
import { exampleStubs, tempDir } from '../recording.testkit.js';
import { createRecordingWriter } from '../writer/recording-writer.js';
import { recordDemoCalls } from './demo-recordings.testkit.js';

const GET_USER = '/example.UserService/GetUser';
const REFLECTION = '/grpc.reflection.v1.ServerReflection/ServerReflectionInfo';
const tmp = tempDir();
let pack = '';
let schemaless = '';

/** A recording as gwb proxy writes one of a method it has no schema for (main/capture). */
async function writeSchemaless(file: string): Promise<void> {
  const writer = createRecordingWriter({
    path: file,
    header: {
      format: RECORDING_FORMAT,
      version: RECORDING_VERSION,
      method: REFLECTION,
      kind: 'bidi_stream',
      requestType: 'unknown',
      responseType: 'unknown',
      target: 'proxied:0',
      startedAt: Date.now(),
      metadata: [],
      files: [],
      schemaSource: 'none: the proxy had no schema for this method, messages are kept as bytes',
    },
  });
  writer.write({
    type: 'started',
    at: Date.now(),
    method: REFLECTION,
    kind: 'bidi_stream',
    target: 'proxied:0',
    metadata: [],
    seq: 0,
    t: 0,
  });
  writer.write({ type: 'ended', durationMs: 1, seq: 1, t: 1 });
  await writer.close();
}

beforeAll(async () => {
  const recorded = await recordDemoCalls(
    tmp,
    ['1', '2'].map((id) => ({ name: `user-${id}`, method: GET_USER, requests: [{ id }] })),
  );
  const users = [recorded['user-1'], recorded['user-2']];
  schemaless = tmp.file('reflection.ndjson');
  await writeSchemaless(schemaless);
  // #1 GetUser, #2 a reflection call with no schema, #3 GetUser.
  pack = tmp.file('proxied.recordings');
  writeFileSync(pack, Buffer.concat([users[0], schemaless, users[1]].map((f) => readFileSync(f!))));
}, 30_000);
afterAll(() => tmp.remove());

async function getUser(port: number, id: string): Promise<unknown> {
  const UserService = exampleStubs()['UserService'] as grpc.ServiceClientConstructor;
  const client = new UserService(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  try {
    return await new Promise((resolve, reject) =>
      (client['GetUser'] as (r: unknown, cb: (e: unknown, r: unknown) => void) => void).call(
        client,
        { id },
        (error, reply) => (error ? reject(error as Error) : resolve(reply)),
      ),
    );
  } finally {
    client.close();
  }
}

describe('gwb mock of recordings with no schema', () => {
  it('leaves them out of a file of several, names them, and serves the others', async () => {
    const mock = await mockCommand({ inputs: [pack] });
    try {
      expect(mock.methods).toEqual([GET_USER]);
      expect(mock.skipped).toEqual([`${pack}#2`]);
      expect(mock.notes).toBe(
        `gwb mock: left out 1 recording with no schema (gwb proxy had none for the method: the messages are kept as bytes, which the mock cannot answer with): ${pack}#2\n`,
      );
      expect(await getUser(mock.port, '2')).toMatchObject({ id: '2' });
    } finally {
      await mock.close();
    }
  });

  it('leaves them out of a folder too, each named', async () => {
    const folder = path.join(tmp.dir, 'folder');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a.recordings'), readFileSync(pack));
    writeFileSync(path.join(folder, 'b.ndjson'), readFileSync(schemaless));
    const mock = await mockCommand({ inputs: [folder] });
    try {
      expect(mock.skipped).toEqual([
        path.join(folder, 'a.recordings#2'),
        path.join(folder, 'b.ndjson'),
      ]);
      expect(mock.notes).toContain('left out 2 recordings with no schema');
      expect(await getUser(mock.port, '1')).toMatchObject({ id: '1' });
    } finally {
      await mock.close();
    }
  });

  it('is refused when nothing is left to serve, naming what was left out', async () => {
    await expect(mockCommand({ inputs: [schemaless] })).rejects.toThrow(
      `${schemaless}: nothing to serve: left out 1 recording with no schema (gwb proxy had none for the method: the messages are kept as bytes, which the mock cannot answer with): ${schemaless}`,
    );
  });
});
