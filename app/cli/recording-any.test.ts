import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gwb, jsonMessages } from './cli.testkit.js';
import { BAG_AND_HIDDEN_SCHEMA, callBag, useBagServer } from './bag-server.testkit.js';
import { readHeader, recordingCodecs } from '../../main/recording/index.js';
import { loadMockCatalog } from '../../main/recording/mock/mock-catalog.js';

// gobgp-style: the responses carry Anys of types from hidden.proto, which the service's file does
// not import. The call is made with both files loaded; the recording alone must then be enough to
// replay it (comparing real messages) and to mock it (serving real messages).

const bag = useBagServer();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-any-rec-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const schema = BAG_AND_HIDDEN_SCHEMA;

const SECRET_ALPHA = {
  '@type': 'type.googleapis.com/gwb.hidden.Secret',
  code: 'alpha',
  level: '1',
};

function fileNames(header: { files: string[] }): string[] {
  return header.files.map(
    (b64) => fromBinary(FileDescriptorProtoSchema, Buffer.from(b64, 'base64')).name,
  );
}

describe('a recording carries the files of the types packed in its Anys', () => {
  it('records them, and replay and mock use them with no schema at hand', async () => {
    const file = path.join(dir, 'watch.ndjson');
    const recorded = await callBag(bag.server, 'Watch', ['-record', file], schema);
    expect(recorded.stderr).toBe('');
    expect(recorded.code).toBe(0);
    const messages = jsonMessages(recorded.stdout) as { single: unknown }[];
    expect(messages[0]?.single).toEqual(SECRET_ALPHA);

    // The header: the method's files first, then hidden.proto, which only the Anys reach.
    const header = await readHeader(file);
    expect(fileNames(header)).toEqual([
      'google/protobuf/any.proto',
      'google/protobuf/timestamp.proto',
      'bag.proto',
      'hidden.proto',
    ]);
    // The events were not disturbed by the longer header.
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toHaveLength(lines.length);
    const received = lines
      .map((l) => JSON.parse(l) as { type?: string; raw?: string })
      .filter((e) => e.type === 'received');
    expect(received).toHaveLength(2);

    // Decoded from the recording alone: real messages, Anys nested in Anys included.
    const codecs = recordingCodecs(header, file);
    const first = codecs.response.decode(Buffer.from(received[0]!.raw!, 'base64')) as {
      single: unknown;
      inner: { deep: unknown };
    };
    expect(first.single).toEqual(SECRET_ALPHA);
    expect(first.inner.deep).toEqual({
      '@type': 'type.googleapis.com/gwb.hidden.Wrapper',
      note: 'wrapped',
      nested: { '@type': 'type.googleapis.com/gwb.hidden.Secret', code: 'delta', level: '4' },
    });

    // Replay compares what the server says now with what it said, message by message.
    const replay = await gwb([
      'replay',
      file,
      '--target',
      bag.server.address,
      '--plaintext',
      '--speed=max',
    ]);
    expect(replay.stderr).toBe('');
    expect(replay.stdout).toMatch(/^IDENTICAL: /);
    expect(replay.code).toBe(0);

    // The mock serves the recorded messages, and by reflection the recorded files, the packed
    // types' file among them (grpcurl against this mock prints the Anys as real messages; gwb's
    // reflection client does not fetch Any types by name yet).
    const catalog = await loadMockCatalog([file]);
    expect(catalog.files.map((f) => f.name)).toContain('hidden.proto');
    const controller = new AbortController();
    let announce!: (text: string) => void;
    const announced = new Promise<string>((resolve) => (announce = resolve));
    const mock = gwb(['mock', file, '--port', '0'], {
      signal: controller.signal,
      onStdout: (text) => announce(text),
    });
    const port = /listening on 127\.0\.0\.1:(\d+)/.exec(await announced)?.[1];
    const fromMock = await gwb([
      '-plaintext',
      ...schema,
      `127.0.0.1:${port}`,
      'gwb.anytest.BagService/Watch',
    ]);
    controller.abort();
    await mock;
    expect(fromMock.stdout).toBe(recorded.stdout);
  });

  it("a call whose Anys need no other file keeps the method's files only", async () => {
    const file = path.join(dir, 'get.ndjson');
    const recorded = await callBag(bag.server, 'Get', ['-record', file]);
    expect(recorded.code).toBe(0);
    expect(fileNames(await readHeader(file))).toEqual([
      'google/protobuf/any.proto',
      'google/protobuf/timestamp.proto',
      'bag.proto',
    ]);
  });

  it('a status detail of a type from another file brings that file too', async () => {
    const file = path.join(dir, 'fail.ndjson');
    const recorded = await callBag(bag.server, 'Fail', ['-record', file], schema);
    expect(recorded.code).toBe(64 + 9);
    expect(fileNames(await readHeader(file))).toContain('hidden.proto');
  });
});
