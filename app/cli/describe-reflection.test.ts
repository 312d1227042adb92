import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wellKnownIncludes } from '../../main/codec/protoc.testkit.js';
import {
  addTerseReflection,
  startServer,
  type RunningServer,
} from '../../main/reflection/reflection-servers.testkit.js';
import { gwb } from './cli.testkit.js';

// describe through server reflection: the descriptors a server sends keep their options (custom
// ones such as google.api.http travel as unknown fields of MethodOptions), and grpcurl prints them.
// The expected texts are grpcurl 1.9.3's against the same server.
const testdata = join(import.meta.dirname, '../../main/schema/testdata/describe');
let work: string;
let server: RunningServer;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'gwb-describe-'));
  const out = join(work, 'options.protoset');
  execFileSync('protoc', [
    '--include_imports',
    '--include_source_info',
    `--descriptor_set_out=${out}`,
    '-I',
    testdata,
    ...wellKnownIncludes(),
    'options.proto',
  ]);
  // A server that sends the descriptors as protoc wrote them (@grpc/reflection re-encodes them
  // through protobufjs, which drops custom options, so grpcurl cannot show them there either).
  const set = fromBinary(FileDescriptorSetSchema, readFileSync(out));
  server = await startServer((s) => void addTerseReflection(s, set, { version: 'v1' }));
});

afterAll(() => {
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('gwb describe over reflection', () => {
  it('prints a method with its google.api.http option as grpcurl does', async () => {
    const run = await gwb(['-plaintext', server.address, 'describe', 't.Svc.Get']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        't.Svc.Get is a method:',
        '// Get gets.',
        'rpc Get ( .t.Req ) returns ( .t.Res ) {',
        '  option deprecated = true;',
        '  option (.google.api.http) = {',
        '    get: "/v1/things/{id}",',
        '    additional_bindings: [ { post: "/v1/things", body: "*" } ]',
        '  };',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('names an enum value, a one-of and a map entry type', async () => {
    const text = async (symbol: string): Promise<string> =>
      (await gwb(['-plaintext', server.address, 'describe', symbol])).stdout;
    expect(await text('t.Color.BLUE')).toBe(
      't.Color.BLUE is an enum value:\nBLUE = 2 [deprecated = true];\n',
    );
    expect(await text('t.Req.pick')).toBe(
      't.Req.pick is a one-of:\noneof pick {\n  string name = 2;\n  int32 num = 3;\n}\n',
    );
    expect(await text('t.Req.CountsEntry')).toBe(
      't.Req.CountsEntry is the entry type for a map field:\nmap<string, int32> counts = 4;\n',
    );
    expect(await text('t.Req.Inner.Kind')).toMatch(/^t\.Req\.Inner\.Kind is an enum:\n/);
  });
});
