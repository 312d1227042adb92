// A run sees the folders' settings (folder.json: the auth a request set to Inherit takes) as they
// were when it started: each folder.json is read once, at the start, not at every call, and an
// edit made while the run goes on is seen by the next run (as Postman's runner takes the
// collection as it was). A broken folder.json still fails only the requests that inherit from it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { fileProbe } from '../workspace/store/json-file.js';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

let server: DemoServer;
let r: RunnerKit;
/** Told when a call begins (the engine's observers): the test edits folder.json then. */
let onCallBegins: ((requestPath: string | undefined) => void) | undefined;

const bearer = (token: string) => ({ type: 'bearer' as const, token });
const folderFile = (collection: string): string =>
  path.join(r.ws.dir, 'collections', collection, 'folder.json');
const writeFolderAuth = (collection: string, token: string): void =>
  writeFileSync(folderFile(collection), JSON.stringify({ version: 1, auth: bearer(token) }));

beforeAll(async () => {
  // The server answers UNAUTHENTICATED unless the token the folder had at the start arrives.
  server = await startDemoServer({ port: 0, requireAuthorization: 'Bearer at-start' });
  r = await startRunnerKit(() => `127.0.0.1:${server.port}`, {
    observers: [
      (start) => {
        onCallBegins?.(start.requestPath);
        return undefined;
      },
    ],
  });
  r.save('inherits/a', { messages: [{ id: '1' }] });
  r.save('inherits/b', { messages: [{ id: '1' }] });
  r.save('broken/inherit', { messages: [{ id: '1' }] });
  r.save('broken/own', { messages: [{ id: '1' }], auth: bearer('at-start') });
});

afterEach(() => {
  onCallBegins = undefined;
  delete fileProbe.onRead;
});

afterAll(async () => {
  await r.close();
  await server.close();
});

describe('the folder settings a run sees', () => {
  it('are those at its start: an edit midway is seen by the next run', async () => {
    writeFolderAuth('inherits', 'at-start');
    const folderReads: string[] = [];
    fileProbe.onRead = (file) => {
      if (file === folderFile('inherits')) folderReads.push(file);
    };
    onCallBegins = (requestPath) => {
      if (requestPath !== 'inherits/a') return;
      onCallBegins = undefined;
      writeFolderAuth('inherits', 'edited');
    };
    const result = await r.run({ target: 'inherits' });
    expect(onCallBegins).toBeUndefined();
    expect(result.results.map((x) => [x.path, x.status?.codeName])).toEqual([
      ['inherits/a', 'OK'],
      ['inherits/b', 'OK'],
    ]);
    // Read once for the run, not once for each of its two calls.
    expect(folderReads).toHaveLength(1);

    const next = await r.run({ target: 'inherits' });
    expect(next.results.map((x) => [x.path, x.status?.codeName])).toEqual([
      ['inherits/a', 'UNAUTHENTICATED'],
      ['inherits/b', 'UNAUTHENTICATED'],
    ]);
  });

  it('a broken folder.json fails the requests that inherit from it, not the others', async () => {
    writeFileSync(folderFile('broken'), '{ "version": 1, "auth": ');
    const result = await r.run({ target: 'broken' });
    expect(result.results.map((x) => [x.path, x.passed])).toEqual([
      ['broken/inherit', false],
      ['broken/own', true],
    ]);
    expect(result.results[0]?.error).toContain(`${folderFile('broken')}: not valid JSON`);
  });
});
