import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { resourcePath } from '../../main/resources.js';
import { freePort } from '../../test/free-port.testkit.js';
import { gwb } from './cli.testkit.js';

// -use-reflection with -proto/-protoset against a server that has no reflection: as grpcurl 1.9.3
// (run on these lines against this server), calls, `describe SYMBOL` and `list SERVICE` use the
// files; a bare `list`/`describe` (what does the server serve?) cannot be answered and fails.
let bare: DemoServer;
let target: string;
const protos = path.dirname(resourcePath('protos', 'example.proto'));

beforeAll(async () => {
  bare = await startDemoServer({ reflection: false });
  target = `127.0.0.1:${bare.port}`;
});

afterAll(async () => {
  await bare.close();
});

/** gwb -plaintext -use-reflection -proto example.proto -import-path … ADDRESS …rest */
const withFiles = (...rest: string[]) =>
  gwb([
    '-plaintext',
    '-use-reflection',
    '-proto',
    'example.proto',
    '-import-path',
    protos,
    ...rest,
  ]);

describe('-use-reflection with files, against a server without reflection', () => {
  it('calls with the schema of the files', async () => {
    const r = await withFiles('-d', '{"id":"1"}', target, 'example.UserService/GetUser');
    expect(r).toEqual({
      code: 0,
      stdout: '{\n  "id": "1",\n  "name": "Ada Lovelace",\n  "age": 36\n}\n',
      stderr: '',
    });
  });

  it('describes a symbol and lists the methods of a service from the files', async () => {
    const described = await withFiles(target, 'describe', 'example.User');
    expect(described.code).toBe(0);
    expect(described.stdout).toMatch(/^example\.User is a message:\nmessage User \{\n/);
    expect(await withFiles(target, 'list', 'example.UserService')).toEqual({
      code: 0,
      stdout: 'example.UserService.GetUser\n',
      stderr: '',
    });
  });

  it("cannot list the server's services (grpcurl: exit 1, nothing on stdout)", async () => {
    for (const verb of ['list', 'describe']) {
      const r = await withFiles(target, verb);
      expect(r.code, verb).toBe(1);
      expect(r.stdout, verb).toBe('');
      expect(r.stderr, verb).toMatch(
        new RegExp(`^gwb: cannot ${verb} the server's services: it has no server reflection`),
      );
    }
  });

  it('still fails on a server that cannot be reached (no fallback for that)', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    for (const rest of [
      ['describe', 'example.User'],
      ['-d', '{"id":"1"}', 'example.UserService/GetUser'],
    ]) {
      const args =
        rest[0] === '-d' ? [rest[0], rest[1] ?? '', address, ...rest.slice(2)] : [address, ...rest];
      const r = await withFiles('-connect-timeout', '2', ...args);
      expect(r.code, rest.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/connect/);
    }
  });
});

describe('-use-reflection with files, against a server with reflection', () => {
  it("lists only the server's services; a service only the files define is still found by name", async () => {
    const demo = await startDemoServer({});
    const dir = mkdtempSync(path.join(tmpdir(), 'gwb-extra-'));
    writeFileSync(
      path.join(dir, 'extra.proto'),
      'syntax = "proto3";\npackage extra;\nmessage E {}\nservice Extra { rpc Do (E) returns (E); }\n',
    );
    const flags = ['-plaintext', '-use-reflection', '-import-path', dir, '-proto', 'extra.proto'];
    const address = `127.0.0.1:${demo.port}`;
    try {
      // grpcurl 1.9.3 printed exactly these on these lines.
      expect(await gwb([...flags, address, 'list'])).toEqual({
        code: 0,
        stdout: [
          'example.BatchService',
          'example.ChatService',
          'example.FileService',
          'example.LogService',
          'example.UserService',
          'grpc.health.v1.Health',
          '',
        ].join('\n'),
        stderr: '',
      });
      expect(await gwb([...flags, address, 'list', 'extra.Extra'])).toEqual({
        code: 0,
        stdout: 'extra.Extra.Do\n',
        stderr: '',
      });
    } finally {
      await demo.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
