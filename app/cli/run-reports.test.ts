// `gwb run` with assertions on the demo server: a server stream of 1,000 messages checked whole
// and message by message, an expected error status, reports written to files at once (JUnit XML
// validated against the Jenkins/Ant schema with xmllint, TAP 14 checked by its rules, JSON), the
// summary line, exit codes, and the command line's mistakes.
import { closeSync, openSync, readdirSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { openWorkspace, type Workspace } from '../../main/workspace/index.js';
import { removeDir, sampleRequest, tempDir } from '../../main/workspace/workspace.testkit.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { gwb } from './cli.testkit.js';
import { junitSchemaCheck } from './junit.testkit.js';

let server: DemoServer;
let ws: Workspace;
let dataDir: string;
let out: string;
const savedDataDir = process.env.GWB_DATA_DIR;

const run = (...args: string[]) => gwb(['run', ...args, '--workspace', ws.dir]);

function save(requestPath: string, doc: Partial<RequestDocument>): void {
  ws.saveRequest(
    requestPath,
    sampleRequest({
      connection: { address: `127.0.0.1:${server.port}`, security: { kind: 'plaintext' } },
      metadata: [],
      ...doc,
    }),
  );
}

beforeAll(async () => {
  dataDir = tempDir('gwb-data-');
  out = tempDir('gwb-reports-');
  process.env.GWB_DATA_DIR = dataDir;
  server = await startDemoServer({ port: 0 });
  ws = openWorkspace(tempDir());
  // Reflection on the demo server: no schema files.
  save('suite/a tail of 1000', {
    method: '/example.LogService/Tail',
    messages: [{ source: 'app', lines: 1000, intervalMs: 1 }],
    deadlineMs: 60_000,
    assertions: [
      { expr: 'status.code == 0' },
      { expr: 'messages.size() == 1000' },
      { expr: 'messages.all(m, m.text.startsWith("app: "))' },
      { expr: 'int(message.seq) >= 1', name: 'every seq from 1' },
      { expr: 'messages.all(m, m.level != "ERROR")', name: 'no errors' },
    ],
  });
  save('suite/b get user', {
    messages: [{ id: '1' }],
    assertions: [{ expr: 'response.name == "Ada Lovelace"' }, { expr: 'response.age > 18' }],
  });
  save('suite/c missing user', {
    messages: [{ id: '999' }],
    // An expected error: the request passes although its status is not OK.
    assertions: [{ expr: 'status.name == "NOT_FOUND"' }],
  });
  save('plain/get user', { messages: [{ id: '2' }] });
  save('live/1 get user', { messages: [{ id: '1' }] });
  save('live/2 tail forever', {
    method: '/example.LogService/Tail',
    messages: [{ source: 'app', lines: 0, intervalMs: 20 }],
    deadlineMs: 600_000,
  });
});

afterAll(async () => {
  await server.close();
  removeDir(ws.dir);
  removeDir(dataDir);
  removeDir(out);
  if (savedDataDir === undefined) delete process.env.GWB_DATA_DIR;
  else process.env.GWB_DATA_DIR = savedDataDir;
});

/** TAP 14's rules: version line, a plan, test points numbered in order, YAML blocks closed. */
function checkTap(text: string): { points: { ok: boolean; description: string }[] } {
  const lines = text.trimEnd().split('\n');
  expect(lines[0]).toBe('TAP version 14');
  const plan = /^1\.\.(\d+)$/.exec(lines[1] ?? '');
  expect(plan, 'the plan follows the version line').not.toBeNull();
  const points: { ok: boolean; description: string }[] = [];
  let inYaml = false;
  for (const line of lines.slice(2)) {
    if (inYaml) {
      if (line === '  ...') inYaml = false;
      else {
        expect(line.startsWith('  '), `YAML indented: ${line}`).toBe(true);
        // Every scalar is written as a JSON string or number (both YAML).
        const scalar = /^ {2,}(?:- )?[a-z_]+: (.*)$/.exec(line)?.[1];
        if (scalar !== undefined && scalar !== '') JSON.parse(scalar);
      }
      continue;
    }
    if (line === '  ---') {
      expect(points.length, 'a YAML block follows a test point').toBeGreaterThan(0);
      inYaml = true;
      continue;
    }
    if (line.startsWith('Bail out!') || line.startsWith('#')) continue;
    const point = /^(not )?ok (\d+)(?: - (.*))?$/.exec(line);
    expect(point, `a test point: ${line}`).not.toBeNull();
    expect(Number(point?.[2])).toBe(points.length + 1);
    points.push({ ok: point?.[1] === undefined, description: point?.[3] ?? '' });
  }
  expect(inYaml, 'every YAML block is closed').toBe(false);
  expect(points).toHaveLength(Number(plan?.[1]));
  return { points };
}

describe('gwb run with assertions', () => {
  it('checks a stream of 1,000 messages; reports junit, tap and json to files and cli to stdout', async () => {
    const junit = path.join(out, 'results.xml');
    const tap = path.join(out, 'results.tap');
    const json = path.join(out, 'results.json');
    const result = await run(
      'suite',
      '--reporter',
      `junit:${junit}`,
      '--reporter',
      `tap:${tap}`,
      '--reporter',
      `json:${json}`,
    );
    expect(result.stderr).toBe('');
    // One assertion fails (every 4th line is an ERROR): exit 1.
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^FAILED suite\/a tail of 1000 {2}OK {2}\d+ ms, 4\/5 assertions$/);
    expect(lines[1]).toMatch(
      /^ {9}assertion failed \(assertions\[4\]\): no errors \(messages\.all\(m, m\.level != "ERROR"\)\)/,
    );
    expect(result.stdout).toMatch(/\nok {5}suite\/b get user {2}OK {2}\d+ ms, 2\/2 assertions\n/);
    expect(result.stdout).toMatch(
      /\nok {5}suite\/c missing user {2}NotFound {2}\d+ ms, 1\/1 assertions\n/,
    );
    expect(lines.at(-1)).toMatch(/^3 requests, 8 assertions: 7 passed, 1 failed \(\d+\.\d s\)$/);

    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.summary).toMatchObject({
      requests: 3,
      passed: 2,
      failed: 1,
      assertions: 8,
      assertionsFailed: 1,
    });
    expect(report.results[0].received).toBe(1000);
    expect(report.results[0].responses).toHaveLength(1000);

    const valid = junitSchemaCheck(junit);
    expect(valid.stderr).toBe(`${junit} validates\n`);
    expect(valid.status).toBe(0);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuite name="suite" tests="3" failures="1"');
    expect(xml).toContain(
      '<failure type="AssertionFailed" message="assertion failed (assertions[4])',
    );

    const { points } = checkTap(readFileSync(tap, 'utf8'));
    expect(points).toEqual([
      { ok: false, description: 'suite/a tail of 1000' },
      { ok: true, description: 'suite/b get user' },
      { ok: true, description: 'suite/c missing user' },
    ]);
  });

  it('replaces a previous report whole: a reader of the old file never sees the new one half-written', async () => {
    const folder = path.join(out, 'replaced');
    const json = path.join(folder, 'results.json');
    // The folder is made when missing, as a CI job's reports folder often is.
    expect((await run('plain', '--reporter', `json:${json}`)).code).toBe(0);
    const previous = readFileSync(json, 'utf8');
    const reader = openSync(json, 'r');
    try {
      expect((await run('plain', '--reporter', `json:${json}`)).code).toBe(0);
      // Written in place (truncated, then filled) the old file's reader would see the new text.
      const seen = Buffer.alloc(previous.length + 1);
      const n = readSync(reader, seen, 0, seen.length, 0);
      expect(seen.subarray(0, n).toString('utf8')).toBe(previous);
    } finally {
      closeSync(reader);
    }
    expect(JSON.parse(readFileSync(json, 'utf8')).summary).toMatchObject({
      requests: 1,
      passed: 1,
    });
    expect(readdirSync(folder)).toEqual(['results.json']);
  });

  it('exits 0 when every request passed; TAP on stdout alone', async () => {
    const result = await run('plain', '--reporter', 'tap');
    expect(result.code).toBe(0);
    expect(checkTap(result.stdout).points).toEqual([{ ok: true, description: 'plain/get user' }]);
  });

  it('the schema check fails on a report CI systems would not read', () => {
    // The validation above is worth something only if xmllint refuses a broken report.
    const bad = path.join(out, 'bad.xml');
    writeFileSync(bad, '<testsuites><testsuite tests="x"><testcase/></testsuite></testsuites>');
    expect(junitSchemaCheck(bad).status).not.toBe(0);
  });
});

describe('gwb run: live and Ctrl-C', () => {
  it('prints each request as it finishes; Ctrl-C cancels the call in flight and exits 130', async () => {
    const controller = new AbortController();
    const live: string[] = [];
    // Ctrl-C as soon as the first request's line is printed: the second, an endless stream,
    // is then starting or running, and only the cancel can end this run.
    const result = await gwb(['run', 'live', '--iterations', '3', '--workspace', ws.dir], {
      signal: controller.signal,
      onStdout: (text) => {
        live.push(text);
        controller.abort();
      },
    });
    expect(result.code).toBe(130);
    expect(live[0]).toMatch(/^iteration 1\/3\nok {5}live\/1 get user {2}OK {2}\d+ ms\n$/);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(
      /^(2 requests \(1 failed\)|1 request), 0 assertions: 0 passed, 0 failed \(\d+\.\d s\), cancelled$/,
    );
    const tail = lines.filter((l) => / live\/2 tail forever /.test(l));
    expect(tail.length).toBeLessThanOrEqual(1);
    for (const line of tail) expect(line).toMatch(/^FAILED live\/2 tail forever {2}Canceled /);
  });
});

describe('gwb run: mistakes', () => {
  it('refuses reporter spellings, two reports on stdout and bad iterations with exit 2', async () => {
    const two = await run('plain', '--reporter', 'junit', '--reporter', 'tap');
    expect(two.code).toBe(2);
    expect(two.stderr).toContain(
      'gwb run: --reporter: only one report can go to stdout (junit, tap); give the others a file',
    );
    expect((await run('plain', '--reporter', 'junit:')).stderr).toContain(
      '--reporter junit: needs a file after the colon',
    );
    const zero = await run('plain', '--iterations', '0');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--iterations is a whole number from 1 to 100000, not 0');
  });

  it('says file:line for a bad data file and sends nothing', async () => {
    const data = path.join(out, 'bad.csv');
    writeFileSync(data, 'id,name\n1,Ada\n2,"Alan\n');
    const result = await run('plain', '--data', data);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `gwb: ${data}:3: a quoted field is never closed (missing ")\n`,
    });
    expect((await run('plain', '--data', path.join(out, 'none.csv'))).stderr).toContain(
      'none.csv: no such file',
    );
  });
});
