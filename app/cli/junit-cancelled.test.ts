// A cancelled run's JUnit report says so, as JSON (`cancelled: true`) and TAP (`Bail out!
// cancelled`) do: a testcase "run cancelled" in error (GitLab's report reads testcases only), and
// for Jenkins a `cancelled` property of the suite and its system-err; valid against the Jenkins/Ant
// schema the run reports are checked with (junit.testkit.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { RunResult } from '../../shared/contract/runner-commands.js';
import { junitSchemaCheck } from './junit.testkit.js';
import { junitReport } from './reporters.js';

const dir = mkdtempSync(path.join(tmpdir(), 'gwb-junit-cancelled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runOf(cancelled: boolean): RunResult {
  return {
    runId: 'run-1',
    target: 'suite',
    iterations: 1,
    results: [
      {
        path: 'suite/get user',
        iteration: 1,
        passed: true,
        status: { code: 0, codeName: 'OK', message: '' },
        durationMs: 3,
        assertions: [],
        captured: [],
        responses: [],
        received: 1,
      },
    ],
    summary: {
      requests: 1,
      passed: 1,
      failed: 0,
      assertions: 0,
      assertionsPassed: 0,
      assertionsFailed: 0,
      snapshotsNew: 0,
      snapshotsFailed: 0,
      durationMs: 3,
    },
    cancelled,
    bailed: false,
  };
}

/** xmllint's verdict on the report against the Jenkins/Ant JUnit schema. */
function validated(name: string, report: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, report);
  const check = junitSchemaCheck(file);
  expect(check.status).toBe(0);
  return check.stderr;
}

it('a cancelled run: a testcase in error that says so (what GitLab shows), and a cancelled property and a system-err on its suite (Jenkins), valid JUnit', () => {
  const report = junitReport(runOf(true));
  expect(validated('cancelled.xml', report)).toContain('validates');
  expect(report).toContain('<testsuites name="gwb" tests="2" failures="0" errors="1"');
  expect(report).toContain('<testsuite name="suite" tests="2" failures="0" errors="1" skipped="0"');
  const message =
    'the run was cancelled (Ctrl-C, SIGTERM or runner.cancel) after 1 request: the requests after it did not run';
  expect(report).toContain(
    [
      '    <testcase classname="suite" name="run cancelled" time="0">',
      `      <error type="Cancelled" message="${message}">${message}</error>`,
      '    </testcase>',
    ].join('\n'),
  );
  expect(report).toMatch(
    /<testsuite [^>]*>\n {4}<properties>\n {6}<property name="cancelled" value="true"\/>\n {4}<\/properties>\n/,
  );
  expect(report).toMatch(
    /<\/testcase>\n {4}<system-err>the run was cancelled [^<]*<\/system-err>\n {2}<\/testsuite>/,
  );
});

it('a run that was not cancelled has none of them', () => {
  const report = junitReport(runOf(false));
  expect(validated('whole.xml', report)).toContain('validates');
  expect(report).toContain('tests="1" failures="0" errors="0"');
  expect(report).not.toContain('run cancelled');
  expect(report).not.toContain('<properties>');
  expect(report).not.toContain('<system-err>');
});
