// Adds up the vitest and Playwright JSON reports into the one closing line CI reads:
// `N passed, N failed[, N flaky][, N skipped]`. Stages that failed without tests (typecheck, lint,
// build) count as failures; a test stage that failed without writing its report counts as one.
// Flaky tests (passed only on a retry) are counted apart from passed ones. Every skipped test is
// named with the reason it was skipped, and each stage's time is listed.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const failedStages = process.argv.slice(2);
let passed = 0;
let failed = 0;
let flaky = 0;
const skippedTests = [];
/** Each failed test by name with the first line of its error, so the closing lines CI keeps say which. */
const failedTests = [];
const firstLine = (text) =>
  String(text ?? '')
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim()
    .slice(0, 200) ?? '';

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);

/** Skips the environment decides, and why. Anything else skipped is reported as skipped in code. */
const SKIP_REASONS = [
  {
    applies: (title) => /ENOSPC|tmpfs/.test(title) && process.env.GWB_NO_TMPFS === '1',
    reason:
      'mounting a tmpfs needs root and this run is not root (GWB_NO_TMPFS=1); CI runs it as root',
  },
];
const reasonFor = (title) =>
  SKIP_REASONS.find((r) => r.applies(title))?.reason ?? 'skipped in the test code';

const vitest = read('.tmp/vitest.json');
if (vitest) {
  for (const file of vitest.testResults ?? [])
    for (const test of file.assertionResults ?? []) {
      // A retried test keeps the errors of its failed attempts: passed with failures is flaky.
      if (test.status === 'passed' && (test.failureMessages ?? []).length > 0) flaky++;
      else if (test.status === 'passed') passed++;
      else if (test.status === 'failed') {
        failed++;
        failedTests.push({
          title: test.fullName,
          where: relative('.', file.name),
          why: firstLine(test.failureMessages?.[0]),
        });
      } else skippedTests.push({ title: test.fullName, where: relative('.', file.name) });
    }
  // Suites that failed to load have no tests to count.
  if ((vitest.numFailedTestSuites ?? 0) > 0 && (vitest.numFailedTests ?? 0) === 0) failed += 1;
}

const pw = read('.tmp/playwright.json');
if (pw?.stats) {
  passed += pw.stats.expected ?? 0;
  flaky += pw.stats.flaky ?? 0;
  failed += pw.stats.unexpected ?? 0;
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? []) {
        if (test.status === 'unexpected')
          failedTests.push({
            title: [...titles, spec.title].join(' › '),
            where: `${spec.file}:${spec.line}`,
            why: firstLine(test.results?.at(-1)?.error?.message),
          });
        if (test.status === 'skipped')
          skippedTests.push({
            title: [...titles, spec.title].join(' › '),
            where: spec.file,
            reason: test.annotations?.find((a) => a.type === 'skip')?.description,
          });
      }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of pw.suites ?? []) walk(suite, []);
}

const reports = { unit: vitest, e2e: pw };
for (const stage of failedStages) {
  console.log(`stage failed: ${stage}`);
  if (!(stage in reports)) failed += 1;
  else if (!reports[stage]) {
    console.log(`  ${stage} wrote no report: its tests were not counted`);
    failed += 1;
  }
}
if (failedStages.length > 0 && failed === 0) failed = failedStages.length;

if (existsSync('.tmp/stage-times.tsv')) {
  console.log('stage times:');
  for (const line of readFileSync('.tmp/stage-times.tsv', 'utf8').trim().split('\n')) {
    const [name, status, ms] = line.split('\t');
    console.log(
      `  ${name.padEnd(18)} ${status.padEnd(6)} ${(Number(ms) / 1000).toFixed(1).padStart(6)}s`,
    );
  }
}
for (const t of failedTests) console.log(`failed: ${t.title} (${t.where}) — ${t.why}`);
for (const s of skippedTests)
  console.log(`skipped: ${s.title} (${s.where}) — ${s.reason ?? reasonFor(s.title)}`);

console.log(
  `${passed} passed, ${failed} failed${flaky ? `, ${flaky} flaky` : ''}${
    skippedTests.length ? `, ${skippedTests.length} skipped` : ''
  }`,
);
process.exit(failed > 0 || failedStages.length > 0 ? 1 : 0);
