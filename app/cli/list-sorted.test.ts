import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ReflectionService } from '@grpc/reflection';
import * as protoLoader from '@grpc/proto-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import {
  startServer,
  type RunningServer,
} from '../../main/reflection/reflection-servers.testkit.js';
import { gwb } from './cli.testkit.js';

// grpcurl's `list` prints services and methods sorted (ListServices and ListMethods both call
// sort.Strings), whatever order the server or the file declares them in: the demo's health
// service declares Check, Watch, List. gwb printed the declaration order.
const UNSORTED = `syntax = "proto3";
package zoo;
message M {}
service Zebra { rpc Walk (M) returns (M); rpc Eat (M) returns (M); rpc Sleep (M) returns (M); rpc Bark (M) returns (M); }
service Ant { rpc Dig (M) returns (M); }
service Mole { rpc Dig (M) returns (M); }
`;

let demo: DemoServer;
let server: RunningServer;
let dir = '';
let protoset = '';

beforeAll(async () => {
  demo = await startDemoServer({});
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-list-sorted-'));
  writeFileSync(path.join(dir, 'zoo.proto'), UNSORTED);
  const pkg = protoLoader.loadSync('zoo.proto', { includeDirs: [dir] });
  server = await startServer((s) => new ReflectionService(pkg).addToServer(s));
  protoset = path.join(dir, 'zoo.protoset');
  const written = await gwb([
    '-import-path',
    dir,
    '-proto',
    'zoo.proto',
    '-protoset-out',
    protoset,
    'list',
  ]);
  expect(written.code).toBe(0);
});

afterAll(async () => {
  server.close();
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
});

const ZEBRA = 'zoo.Zebra.Bark\nzoo.Zebra.Eat\nzoo.Zebra.Sleep\nzoo.Zebra.Walk\n';

describe('gwb list sorts as grpcurl does', () => {
  it('the methods of the demo health service over reflection', async () => {
    const run = await gwb([
      '-plaintext',
      `127.0.0.1:${demo.port}`,
      'list',
      'grpc.health.v1.Health',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'grpc.health.v1.Health.Check\ngrpc.health.v1.Health.List\ngrpc.health.v1.Health.Watch\n',
    );
  });

  it('methods and services over reflection from a server declaring them out of order', async () => {
    const methods = await gwb(['-plaintext', server.address, 'list', 'zoo.Zebra']);
    expect(methods.stdout).toBe(ZEBRA);
    const services = await gwb(['-plaintext', server.address, 'list']);
    expect(services.stdout.split('\n').filter((l) => l.startsWith('zoo.'))).toEqual([
      'zoo.Ant',
      'zoo.Mole',
      'zoo.Zebra',
    ]);
  });

  it('methods and services from -proto', async () => {
    const P = ['-import-path', dir, '-proto', 'zoo.proto'];
    expect((await gwb([...P, 'list', 'zoo.Zebra'])).stdout).toBe(ZEBRA);
    expect((await gwb([...P, 'list'])).stdout).toBe('zoo.Ant\nzoo.Mole\nzoo.Zebra\n');
  });

  it('methods and services from -protoset', async () => {
    expect((await gwb(['-protoset', protoset, 'list', 'zoo.Zebra'])).stdout).toBe(ZEBRA);
    expect((await gwb(['-protoset', protoset, 'list'])).stdout).toBe(
      'zoo.Ant\nzoo.Mole\nzoo.Zebra\n',
    );
  });
});
