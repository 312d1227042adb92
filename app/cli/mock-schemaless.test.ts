// gwb mock of a file of several recordings, one of which carries no schema (as gwb proxy records
// gwb's own reflection calls): it serves the others and says on stderr which it left out.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { gwb, jsonMessages } from './cli.testkit.js';
import { tempDir } from '../../main/recording/recording.testkit.js';

const tmp = tempDir();
let demo: DemoServer;
let target = '';
beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
  target = `127.0.0.1:${demo.port}`;
});
afterAll(async () => {
  await demo?.close();
  tmp.remove();
});

describe('gwb mock FILE.recordings with a recording of no schema', () => {
  it('serves the others and names it on stderr', async () => {
    const user = tmp.file('user.ndjson');
    const get = ['-d', '{"id":"1"}', 'example.UserService/GetUser'];
    expect(
      (await gwb(['-plaintext', '-record', user, get[0]!, get[1]!, target, get[2]!])).code,
    ).toBe(0);
    const recording = readFileSync(user, 'utf8');
    // The same call as gwb proxy records a method it has no schema for: no files, kept as bytes.
    const [header, ...events] = recording.split('\n');
    const schemaless = { ...JSON.parse(header!), files: [], requestType: 'unknown' };
    const pack = tmp.file('proxied.recordings');
    writeFileSync(pack, `${recording}${[JSON.stringify(schemaless), ...events].join('\n')}`);

    const controller = new AbortController();
    let listening!: (text: string) => void;
    const announced = new Promise<string>((resolve) => (listening = resolve));
    const mock = gwb(['mock', pack, '--port', '0'], {
      signal: controller.signal,
      onStdout: (text) => listening(text),
    });
    const port = /listening on 127\.0\.0\.1:(\d+)/.exec(await announced)?.[1];
    const answer = await gwb(['-plaintext', get[0]!, get[1]!, `127.0.0.1:${port}`, get[2]!]);
    expect(jsonMessages(answer.stdout)).toHaveLength(1);
    controller.abort();
    const run = await mock;
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `gwb mock: left out 1 recording with no schema (gwb proxy had none for the method: the messages are kept as bytes, which the mock cannot answer with): ${pack}#2\n`,
    );
  });
});
