import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gwb } from './cli.testkit.js';
import { startMapServer, type MapServer } from '../../main/codec/map-order.testkit.js';
import { readHeader, recordingCodecs } from '../../main/recording/index.js';

// The gobgp case: the schema comes from reflection, and the answer packs gwb.packed.Payload in an
// Any, a type no listed service's file imports that gwb finds by asking reflection for it. The
// recording must carry its file, so that the recording alone decodes, replays and mocks real
// messages, not unknown Anys.

let server: MapServer;
let dir: string;

beforeAll(async () => {
  server = await startMapServer();
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-reflected-any-rec-'));
});

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

const PAYLOAD = {
  '@type': 'type.googleapis.com/gwb.packed.Payload',
  alpha: 1,
  counts: { a: 1, b: 2 },
  mid: 'm',
  zeta: 'z',
};

describe('-record keeps the files of types found through reflection', () => {
  it('the recording alone decodes the packed message and replays identical', async () => {
    const file = path.join(dir, 'get.ndjson');
    const recorded = await gwb([
      '-plaintext',
      '-record',
      file,
      server.address,
      'gwb.maptest.MapService/Get',
    ]);
    expect(recorded.stderr).toBe('');
    expect(recorded.code).toBe(0);

    const header = await readHeader(file);
    const names = header.files.map(
      (b64) => fromBinary(FileDescriptorProtoSchema, Buffer.from(b64, 'base64')).name,
    );
    expect(names).toContain('packed.proto');

    const received = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type?: string; raw?: string })
      .filter((e) => e.type === 'received');
    expect(received).toHaveLength(1);
    const message = recordingCodecs(header, file).response.decode(
      Buffer.from(received[0]!.raw!, 'base64'),
    ) as { packed: unknown };
    expect(message.packed).toEqual(PAYLOAD);

    const replay = await gwb([
      'replay',
      file,
      '--target',
      server.address,
      '--plaintext',
      '--speed=max',
    ]);
    expect(replay.stderr).toBe('');
    expect(replay.stdout).toMatch(/^IDENTICAL: /);
    expect(replay.code).toBe(0);
  });
});
