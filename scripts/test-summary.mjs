// Adds up the vitest and Playwright JSON reports into the one closing line CI reads:
// `N passed, N failed`. Stages that failed without tests (typecheck, lint, build) count as failures.
import { existsSync, readFileSync } from 'node:fs';

const failedStages = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);

const vitest = read('.tmp/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
}

const pw = read('.tmp/playwright.json');
if (pw?.stats) {
  passed += (pw.stats.expected ?? 0) + (pw.stats.flaky ?? 0);
  failed += pw.stats.unexpected ?? 0;
  skipped += pw.stats.skipped ?? 0;
}

const testStages = new Set(['unit', 'e2e']);
for (const stage of failedStages) {
  console.log(`stage failed: ${stage}`);
  if (!testStages.has(stage)) failed += 1;
}
if (failedStages.length > 0 && failed === 0) failed = failedStages.length;

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || failedStages.length > 0 ? 1 : 0);
