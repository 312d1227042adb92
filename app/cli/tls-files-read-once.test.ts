import { execFile } from 'node:child_process';
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { untilSettled } from '../../main/platform/racy-clock.testkit.js';
import { makeTestCerts, type TestCerts } from '../../test/tls/certs.js';
import { buildGwb } from './built-gwb.testkit.js';

// The -vv "TLS Setup" step read and parsed the TLS files in the CLI on every TLS call, -vv or not,
// before the engine read them again for the channel (review 26 SHOULD-4). Now the CLI reads them
// only for -vv's tree. The real gwb bundle runs with a preload counting opens of the CA file.
// The engine builds the channel configuration three times in a call (the server wait's
// channel.state, the reflection schema.load and the call) and read the file each time; now an
// unchanged file is kept (main/channels/pem-cache.ts): one read per call, -vv's included.
const COUNT_HOOK = `const fs = require('node:fs');
const path = require('node:path');
const watched = path.resolve(process.env.GWB_COUNT_FILE);
let opens = 0;
const counted = (name) => {
  const original = fs[name];
  fs[name] = function (file, ...rest) {
    if (typeof file === 'string' && path.resolve(file) === watched) opens++;
    return original.call(this, file, ...rest);
  };
};
['openSync', 'readFileSync', 'open', 'readFile'].forEach(counted);
process.on('exit', () => fs.writeFileSync(process.env.GWB_COUNT_REPORT, String(opens)));
`;

let certs: TestCerts;
let server: DemoServer;
let dir = '';
let runs = 0;

beforeAll(async () => {
  certs = makeTestCerts();
  // A file changed in the last 2 s is read afresh every time (pem-cache.ts): dated back, as a
  // CA file on a user's disk is, and its change time (now) left to age while gwb is built.
  const hourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(path.join(certs.dir, 'ca.crt'), hourAgo, hourAgo);
  [{ dir }, server] = await Promise.all([
    buildGwb('gwb-tls-once-'),
    startDemoServer({ tls: certs.server }),
  ]);
  writeFileSync(path.join(dir, 'count.cjs'), COUNT_HOOK);
  await untilSettled(path.join(certs.dir, 'ca.crt'));
}, 120_000);

afterAll(async () => {
  await server?.close();
  certs?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs gwb with the CA file's opens counted; its exit code and the count. */
async function caOpensDuring(extra: string[]): Promise<{ code: number; opens: number }> {
  const report = path.join(dir, `opens-${++runs}.txt`);
  const ca = path.join(certs.dir, 'ca.crt');
  const args = [
    '-r',
    path.join(dir, 'count.cjs'),
    path.join(dir, 'dist', 'cli.cjs'),
    ...extra,
    '-cacert',
    ca,
    '-d',
    '{"id":"1"}',
    `localhost:${server.port}`,
    'example.UserService/GetUser',
  ];
  const code = await new Promise<number>((resolve) =>
    execFile(
      process.execPath,
      args,
      { env: { ...process.env, GWB_COUNT_FILE: ca, GWB_COUNT_REPORT: report }, timeout: 30_000 },
      (error) => resolve(error ? Number(error.code ?? 1) : 0),
    ),
  );
  return { code, opens: Number(readFileSync(report, 'utf8')) };
}

/** The engine's reads of the CA file in one reflection call (the wait, the schema, the call). */
const ENGINE_READS = 1;

describe("the CLI adds no read of a TLS call's files of its own", () => {
  it('without -vv: only the engine reads the CA file', async () => {
    expect(await caOpensDuring([])).toEqual({ code: 0, opens: ENGINE_READS });
  });

  it("with -vv: the TLS Setup step's timed read is the one the engine uses", async () => {
    expect(await caOpensDuring(['-vv'])).toEqual({ code: 0, opens: ENGINE_READS });
  });
});
