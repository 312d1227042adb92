import type { JsonValue } from '../../shared/calls/events.js';
import { goCodeName } from '../../main/output/grpcurl-format.js';
import type { RunOutcome } from './saved-run.js';

export type Reporter = 'junit' | 'json';

export interface CollectionResult {
  path: string;
  outcome: RunOutcome;
}

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

function failureSummary(outcome: RunOutcome): { type: string; message: string } {
  if (outcome.error !== undefined) return { type: 'Error', message: outcome.error };
  const status = outcome.status;
  return { type: goCodeName(status?.code ?? 2), message: status?.message ?? '' };
}

export function junitReport(collection: string, results: readonly CollectionResult[]): string {
  const failures = results.filter((r) => r.outcome.exitCode !== 0).length;
  const total = results.reduce((sum, r) => sum + r.outcome.durationMs, 0);
  const cases = results.map(({ path, outcome }) => {
    const open = `    <testcase classname="${xml(collection)}" name="${xml(path)}" time="${seconds(outcome.durationMs)}"`;
    const out =
      outcome.stdout === '' ? '' : `\n      <system-out>${xml(outcome.stdout)}</system-out>`;
    if (outcome.exitCode === 0) return `${open}>${out}${out ? '\n    ' : ''}</testcase>`;
    const { type, message } = failureSummary(outcome);
    return `${open}>\n      <failure type="${xml(type)}" message="${xml(message)}">${xml(outcome.stderr)}</failure>${out}\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gwb" tests="${results.length}" failures="${failures}" errors="0" time="${seconds(total)}">`,
    `  <testsuite name="${xml(collection)}" tests="${results.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(total)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

export function jsonReport(collection: string, results: readonly CollectionResult[]): string {
  const report: JsonValue = {
    collection,
    total: results.length,
    passed: results.filter((r) => r.outcome.exitCode === 0).length,
    failed: results.filter((r) => r.outcome.exitCode !== 0).length,
    results: results.map(({ path, outcome }) => ({
      path,
      ok: outcome.exitCode === 0,
      exitCode: outcome.exitCode,
      durationMs: outcome.durationMs,
      ...(outcome.status
        ? {
            code: outcome.status.code,
            codeName: goCodeName(outcome.status.code),
            message: outcome.status.message,
          }
        : {}),
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      responses: outcome.responses,
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The default: each request's output under a `# path` line, then a summary. */
export function textReport(results: readonly CollectionResult[]): {
  stdout: string;
  stderr: string;
} {
  let stdout = '';
  let stderr = '';
  for (const { path, outcome } of results) {
    stdout += `# ${path} (${outcome.durationMs} ms) ${outcome.exitCode === 0 ? 'ok' : 'FAILED'}\n${outcome.stdout}`;
    if (outcome.stderr !== '') stderr += `# ${path}\n${outcome.stderr}`;
  }
  const failed = results.filter((r) => r.outcome.exitCode !== 0).length;
  stdout += `${results.length - failed} passed, ${failed} failed\n`;
  return { stdout, stderr };
}
