// A cancelled run's JUnit report says so, as JSON (`cancelled: true`) and TAP (`Bail out!
// cancelled`) do: a testcase "run cancelled" in error (GitLab's report reads testcases only), and
// for Jenkins a `cancelled` property of the suite and its system-err, both saying how many of the
// requests the run was to make ran; valid against the Jenkins/Ant schema the run reports are
// checked with (junit.testkit.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { RunResult } from '../../shared/contract/runner-commands.js';
import { junitSchemaCheck } from './junit.testkit.js';
import { junitReport } from './reporters.js';

const dir = mkdtempSync(path.join(tmpdir(), 'gwb-junit-cancelled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A run of one request passed, of `planned` it was to make. */
function runOf(cancelled: boolean, planned = 1): RunResult {
  return {
    runId: 'run-1',
    target: 'suite',
    iterations: 1,
    planned,
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
  const report = junitReport(runOf(true, 10));
  expect(validated('cancelled.xml', report)).toContain('validates');
  expect(report).toContain('<testsuites name="gwb" tests="2" failures="0" errors="1"');
  expect(report).toContain('<testsuite name="suite" tests="2" failures="0" errors="1" skipped="0"');
  const message =
    'the run was cancelled (Ctrl-C, SIGTERM or runner.cancel) after 1 of 10 requests: the other 9 did not run';
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
  expect(report).toContain(
    `    </testcase>\n    <system-err>${message}</system-err>\n  </testsuite>`,
  );
});

it('a run cancelled once its last request had run says how many ran, and no others', () => {
  const report = junitReport(runOf(true, 1));
  expect(validated('cancelled-at-end.xml', report)).toContain('validates');
  const message = 'the run was cancelled (Ctrl-C, SIGTERM or runner.cancel) after 1 of 1 request';
  expect(report).toContain(`<error type="Cancelled" message="${message}">${message}</error>`);
  expect(report).toContain(`<system-err>${message}</system-err>`);
});

it('a run that was not cancelled has none of them', () => {
  const report = junitReport(runOf(false));
  expect(validated('whole.xml', report)).toContain('validates');
  expect(report).toContain('tests="1" failures="0" errors="0"');
  expect(report).not.toContain('run cancelled');
  expect(report).not.toContain('<properties>');
  expect(report).not.toContain('<system-err>');
});
