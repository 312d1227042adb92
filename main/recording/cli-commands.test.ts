import * as grpc from '@grpc/grpc-js';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { mockCommand } from './cli-commands.js';
import {
  exampleSchema,
  exampleStubs,
  plainClient,
  recordCall,
  tempDir,
} from './recording.testkit.js';

// gwb mock's server and banner (replay and -record are tested through gwb in app/cli).

const tmp = tempDir();
let demo: DemoServer;
let userFile: string;

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
  const target = `127.0.0.1:${demo.port}`;
  const client = plainClient(target);
  const schema = exampleSchema();
  userFile = tmp.file('user.ndjson');
  await recordCall({
    client,
    schema,
    method: '/example.UserService/GetUser',
    target,
    requests: [{ id: '1' }],
    out: userFile,
  });
  client.close();
}, 30_000);

afterAll(async () => {
  await demo?.close();
  tmp.remove();
});

describe('mockCommand', () => {
  it('serves a recording, says where, and names the recording that answered each call', async () => {
    const lines: string[] = [];
    const mock = await mockCommand({
      inputs: [userFile],
      port: 0,
      log: (line) => lines.push(line),
    });
    try {
      expect(mock.banner).toBe(
        `mock listening on 127.0.0.1:${mock.port} (reflection on)\n  /example.UserService/GetUser\n`,
      );
      const UserService = exampleStubs()['UserService'] as grpc.ServiceClientConstructor;
      const client = new UserService(`127.0.0.1:${mock.port}`, grpc.credentials.createInsecure());
      const answer = await new Promise<unknown>((resolve, reject) =>
        (client as unknown as Record<string, (...a: unknown[]) => void>)['GetUser']!(
          { id: '1' },
          (error: Error | null, value: unknown) => (error ? reject(error) : resolve(value)),
        ),
      );
      client.close();
      expect(answer).toMatchObject({ id: '1', name: 'Ada Lovelace' });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/\/example\.UserService\/GetUser <- .*user\.ndjson/);
    } finally {
      await mock.close();
    }
  });

  it('a bad input is refused with its name', async () => {
    await expect(mockCommand({ inputs: [tmp.file('absent.ndjson')] })).rejects.toThrow(
      /absent\.ndjson: no such file/,
    );
  });

  it('says which values of a recording made with secrets it cannot reproduce', async () => {
    // The header of a recording whose call used secret `token` (masked in it) names it.
    const [header, ...events] = readFileSync(userFile, 'utf8').split('\n');
    const masked = tmp.file('masked.ndjson');
    writeFileSync(
      masked,
      [JSON.stringify({ ...JSON.parse(header!), secrets: ['token'] }), ...events].join('\n'),
    );
    const mock = await mockCommand({ inputs: [masked], port: 0 });
    try {
      expect(mock.masked).toEqual([{ file: masked, secrets: ['token'] }]);
      expect(mock.banner).toContain(
        `note: ${masked} was recorded with secret values masked; the mock answers [secret:token] where the server sent the value`,
      );
    } finally {
      await mock.close();
    }
  });
});
