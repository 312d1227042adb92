// The reports of `gwb run`, from the engine runner's result: cli (a line per request, failures
// spelled out, a summary line), JUnit XML (the Jenkins/Ant shape CI systems read), JSON (the
// result itself) and TAP 14.
import type { JsonValue } from '../../shared/calls/events.js';
import type { RequestResult, RunResult } from '../../shared/contract/runner-commands.js';
import { goCodeName } from '../../main/output/grpcurl-format.js';
import type { ReporterName } from './run-options.js';

function xml(text: string): string {
  // Characters XML 1.0 cannot hold at all are dropped; the rest escaped.
  return (
    text
      // eslint-disable-next-line no-control-regex -- tab, LF and CR are the control characters XML allows
      .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** `demo/get user` or, in a run of several iterations, `demo/get user [2]`. */
function caseName(result: RequestResult, iterations: number): string {
  return iterations > 1 ? `${result.path} [${result.iteration}]` : result.path;
}

function statusText(result: RequestResult): string {
  const s = result.status;
  if (!s) return 'no status';
  // An OK status's message is empty or `OK`: nothing to add.
  return `${goCodeName(s.code)}${s.message && s.code !== 0 ? `: ${s.message}` : ''}`;
}

/** Why a request failed, one reason a line: the error, failed assertions, snapshot, status. */
export function failureLines(result: RequestResult): string[] {
  if (result.passed) return [];
  const lines: string[] = [];
  if (result.error !== undefined) lines.push(result.error);
  for (const a of result.assertions.filter((x) => !x.passed))
    lines.push(
      `assertion failed${a.where ? ` (${a.where})` : ''}: ${a.expression}${a.message ? ` — ${a.message}` : ''}`,
    );
  if (result.snapshot?.state === 'failed')
    lines.push(
      `snapshot ${result.snapshot.file} differs:`,
      ...(result.snapshot.differences ?? '').trimEnd().split('\n'),
    );
  if (lines.length === 0) lines.push(`status ${statusText(result)}`);
  return lines;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `12 requests, 34 assertions: 33 passed, 1 failed (2.3 s)`; failures no assertion explains are named. */
export function summaryLine(run: RunResult): string {
  const s = run.summary;
  const unexplained = run.results.filter(
    (r) => !r.passed && !r.assertions.some((a) => !a.passed),
  ).length;
  const requests = `${plural(s.requests, 'request')}${unexplained > 0 ? ` (${unexplained} failed)` : ''}`;
  const snapshots = [
    s.snapshotsNew > 0 ? `${s.snapshotsNew} new` : '',
    s.snapshotsFailed > 0 ? `${s.snapshotsFailed} differing` : '',
  ].filter(Boolean);
  const snap = snapshots.length > 0 ? `, snapshots: ${snapshots.join(', ')}` : '';
  const tail = run.cancelled
    ? ', cancelled'
    : run.bailed
      ? ', stopped at the first failure (--bail)'
      : '';
  return `${requests}, ${plural(s.assertions, 'assertion')}: ${s.assertionsPassed} passed, ${s.assertionsFailed} failed${snap} (${(s.durationMs / 1000).toFixed(1)} s)${tail}\n`;
}

/**
 * One request's lines of the cli report (after an `iteration i/N` line when it starts one): what
 * `gwb run` prints as each request finishes.
 */
export function cliRequestLines(
  r: RequestResult,
  iterations: number,
  previous?: RequestResult,
): string {
  let out = '';
  if (iterations > 1 && r.iteration !== previous?.iteration)
    out += `iteration ${r.iteration}/${iterations}\n`;
  const mark = r.passed ? 'ok    ' : 'FAILED';
  const assertions =
    r.assertions.length > 0
      ? `, ${r.assertions.filter((a) => a.passed).length}/${r.assertions.length} assertions`
      : '';
  const captured = r.captured.length > 0 ? `, captured ${r.captured.join(', ')}` : '';
  const snapshot = r.snapshot
    ? `, snapshot ${r.snapshot.state === 'new' ? 'NEW' : r.snapshot.state}`
    : '';
  const status = r.status ? goCodeName(r.status.code) : 'no call';
  out += `${mark} ${r.path}  ${status}  ${Math.round(r.durationMs)} ms${assertions}${captured}${snapshot}\n`;
  for (const line of failureLines(r)) out += `         ${line}\n`;
  if (r.snapshot?.state === 'skipped')
    out += `         snapshot skipped: ${r.snapshot.reason ?? ''}\n`;
  return out;
}

export function cliReport(run: RunResult): string {
  let out = '';
  run.results.forEach((r, i) => (out += cliRequestLines(r, run.iterations, run.results[i - 1])));
  return out + summaryLine(run);
}

export function junitReport(run: RunResult): string {
  const failures = run.results.filter((r) => !r.passed).length;
  const time = seconds(run.summary.durationMs);
  const cases = run.results.map((r) => {
    const open = `    <testcase classname="${xml(run.target)}" name="${xml(caseName(r, run.iterations))}" time="${seconds(r.durationMs)}" assertions="${r.assertions.length}">`;
    const body: string[] = [];
    if (!r.passed) {
      const lines = failureLines(r);
      const type =
        r.error !== undefined
          ? 'Error'
          : r.assertions.some((a) => !a.passed)
            ? 'AssertionFailed'
            : r.snapshot?.state === 'failed'
              ? 'SnapshotDiffers'
              : goCodeName(r.status?.code ?? 2);
      // A failed status alone reads as it always has: its message, its code as the type.
      const message =
        type === goCodeName(r.status?.code ?? 2) ? (r.status?.message ?? '') : (lines[0] ?? '');
      body.push(
        `      <failure type="${xml(type)}" message="${xml(message)}">${xml(lines.join('\n'))}</failure>`,
      );
    }
    const out = [
      `status: ${statusText(r)}`,
      ...r.captured.map((c) => `captured: ${c}`),
      ...(r.snapshot ? [`snapshot: ${r.snapshot.state} (${r.snapshot.file})`] : []),
    ];
    body.push(`      <system-out>${xml(out.join('\n'))}</system-out>`);
    return `${open}\n${body.join('\n')}\n    </testcase>`;
  });
  // GitLab's test report (and most readers) shows testcases only, not a suite's properties or
  // system-err: a cancelled run also gets a case of its own, in error, so it never reads as green.
  if (run.cancelled) cases.push(cancelledCase(run));
  const tests = cases.length;
  const errors = run.cancelled ? 1 : 0;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gwb" tests="${tests}" failures="${failures}" errors="${errors}" time="${time}">`,
    `  <testsuite name="${xml(run.target)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="${time}" timestamp="${new Date(Date.now() - run.summary.durationMs).toISOString().slice(0, 19)}">`,
    // JSON says `cancelled`, TAP `Bail out! cancelled`: here a property of the suite (what a CI
    // system shows of it) and its system-err, where JUnit puts what went wrong with a suite.
    ...(run.cancelled
      ? ['    <properties>', '      <property name="cancelled" value="true"/>', '    </properties>']
      : []),
    ...cases,
    ...(run.cancelled ? [`    <system-err>${xml(cancelledMessage(run))}</system-err>`] : []),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/**
 * What a cancelled run's report says: how many of the requests it was to make ran (`after 3 of
 * 10 requests`), and how many did not.
 */
function cancelledMessage(run: RunResult): string {
  const ran = run.results.length;
  const left = run.planned - ran;
  return `the run was cancelled (Ctrl-C, SIGTERM or runner.cancel) after ${ran} of ${plural(run.planned, 'request')}${left > 0 ? `: the other ${left} did not run` : ''}`;
}

/** The testcase of a cancelled run: what ran, and that the rest did not. */
function cancelledCase(run: RunResult): string {
  const message = cancelledMessage(run);
  return [
    `    <testcase classname="${xml(run.target)}" name="run cancelled" time="0">`,
    `      <error type="Cancelled" message="${xml(message)}">${xml(message)}</error>`,
    '    </testcase>',
  ].join('\n');
}

export function jsonReport(run: RunResult): string {
  const report: JsonValue = {
    collection: run.target,
    total: run.results.length,
    passed: run.summary.passed,
    failed: run.summary.failed,
    summary: run.summary,
    iterations: run.iterations,
    cancelled: run.cancelled,
    bailed: run.bailed,
    results: run.results.map((r) => ({
      path: r.path,
      iteration: r.iteration,
      ok: r.passed,
      durationMs: r.durationMs,
      ...(r.status
        ? { code: r.status.code, codeName: goCodeName(r.status.code), message: r.status.message }
        : {}),
      ...(r.error !== undefined ? { error: r.error } : {}),
      assertions: r.assertions,
      captured: r.captured,
      ...(r.snapshot ? { snapshot: r.snapshot } : {}),
      received: r.received,
      responses: r.responses,
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** A YAML block scalar line: TAP diagnostics are YAML, and a JSON string is valid YAML. */
const yamlString = (text: string): string => JSON.stringify(text);

/** TAP version 14: a test point per request, YAML diagnostics for the failed ones. */
export function tapReport(run: RunResult): string {
  const lines = ['TAP version 14', `1..${run.results.length}`];
  run.results.forEach((r, i) => {
    // `#` starts a directive and `\` escapes in a description: both escaped.
    const description = caseName(r, run.iterations).replace(/\\/g, '\\\\').replace(/#/g, '\\#');
    lines.push(`${r.passed ? 'ok' : 'not ok'} ${i + 1} - ${description}`);
    if (r.passed) return;
    lines.push('  ---');
    lines.push(`  message: ${yamlString(failureLines(r)[0] ?? '')}`);
    lines.push(`  status: ${yamlString(statusText(r))}`);
    lines.push(`  duration_ms: ${r.durationMs}`);
    const failed = r.assertions.filter((a) => !a.passed);
    if (failed.length > 0) {
      lines.push('  assertions:');
      for (const a of failed)
        lines.push(
          `    - expression: ${yamlString(a.expression)}`,
          `      message: ${yamlString(a.message ?? '')}`,
        );
    }
    lines.push('  ...');
  });
  if (run.cancelled) lines.push('Bail out! cancelled');
  else if (run.bailed) lines.push('Bail out! --bail: stopped at the first failed request');
  return `${lines.join('\n')}\n`;
}

export function report(name: ReporterName, run: RunResult): string {
  switch (name) {
    case 'cli':
      return cliReport(run);
    case 'junit':
      return junitReport(run);
    case 'json':
      return jsonReport(run);
    case 'tap':
      return tapReport(run);
  }
}
