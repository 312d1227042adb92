import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures/workbench.js';
import { RecordingsPanel } from './pages/recordings.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';

const lines = [1, 2, 3, 4, 5].map((n) => `"text":"rec: line ${n}"`);

test('a Tail stream is recorded by default, browsed, exported, imported, replayed with a diff, and served as a mock that lists its calls', async ({
  wb,
  env,
  page,
}, testInfo) => {
  const rec = new RecordingsPanel(page);
  await rec.show();
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.LogService', 'Tail');
  await expect(rec.recordToggle).toBeChecked();
  await wb.fill('source', 'rec');
  await wb.fill('lines', '5');
  await wb.fill('interval_ms', '10');
  await wb.send();
  await expect(wb.status).toContainText('OK');

  // Listed under the method, and it opens in the timeline viewer with its five messages.
  await expect(rec.entries).toHaveCount(1);
  await expect(rec.entries.first()).toContainText('Tail');
  await rec.open();
  await expect(rec.viewer.getByTestId('count-received')).toHaveText('5');
  for (const line of lines) await expect(rec.timeline).toContainText(line);
  await rec.filter('line 3');
  await expect(rec.timeline).toContainText(lines[2]!);
  await expect(rec.timeline).not.toContainText(lines[1]!);
  await rec.filter('');

  // Export downloads the file; importing it lists a second recording of the method.
  const download = await rec.exportAs('NDJSON');
  expect(download.suggestedFilename()).toMatch(/^example\.LogService\.Tail-.+\.ndjson$/);
  const saved = testInfo.outputPath('tail.ndjson');
  await download.saveAs(saved);
  const header = JSON.parse(readFileSync(saved, 'utf8').split('\n')[0]!) as { method: string };
  expect(header.method).toBe('/example.LogService/Tail');
  await rec.importFile(saved);
  await expect(rec.entries).toHaveCount(2);

  // Replay against the demo server: only the `at` timestamps differ; ignoring them, all match.
  await rec.replay('max');
  await expect(rec.diff).toContainText(
    'Server messages: 0 matching, 5 differing, 0 missing, 0 extra',
  );
  await expect(rec.differingPaths).toHaveText(['at']);
  await rec.compareAgain('at');
  await expect(rec.diff).toContainText(
    'Server messages: 5 matching, 0 differing, 0 missing, 0 extra',
  );
  await expect(rec.diff).toContainText('Identical');
  await expect(rec.entries).toHaveCount(3);
  await docScreenshot(page, 'recording');

  // Serve it as a mock, point the address box at it, and the mocked lines arrive.
  const served = await rec.openedFileName();
  expect(served).toMatch(/\.ndjson$/);
  const port = await rec.serveAsMock();
  expect(port).toBeGreaterThan(0);
  await expect(rec.region).toContainText('No calls yet');
  await rec.close();
  await wb.loadByReflection(`127.0.0.1:${port}`);
  await wb.openMethod('example.LogService', 'Tail');
  // Another request than the recorded one: the mock still answers with the recording (the only
  // one of the method), while the demo server would answer "via-mock: line N".
  await wb.fill('source', 'via-mock');
  await wb.send();
  await expect(wb.timeline).toContainText('"source":"via-mock"');
  await expect(wb.status).toContainText('OK');
  await expect(wb.receivedCount()).toHaveText('5');
  for (const line of lines) await expect(wb.timeline).toContainText(line);
  await expect(wb.timeline).not.toContainText('via-mock: line');

  // The mock lists the call: when, which method, the recording that answered and why.
  await expect(rec.mockCalls).toHaveCount(1);
  await expect(rec.mockCalls.first()).toHaveText(
    new RegExp(
      `^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} LogService/Tail ← ${served.replace(/\./g, '\\.')} \\(default: only recording\\)$`,
    ),
  );
  await wb.send();
  await expect(rec.mockCalls).toHaveCount(2);
  await expect(rec.region).toContainText('2 calls, newest first (the last 200 are kept)');
  await rec.stopMock();
});

test('a mock of all recordings of a method answers each request with the recording it matches', async ({
  wb,
  env,
  page,
}) => {
  const rec = new RecordingsPanel(page);
  await rec.show();
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.LogService', 'Tail');
  await wb.fill('lines', '2');
  await wb.fill('interval_ms', '10');
  for (const source of ['alpha', 'beta']) {
    await wb.fill('source', source);
    await wb.send();
    await expect(wb.status).toContainText('OK');
  }
  await expect(rec.entries).toHaveCount(2);
  await rec.open();
  const port = await rec.serveAsMock('all of its method');
  await rec.close();
  await wb.loadByReflection(`127.0.0.1:${port}`);
  await wb.openMethod('example.LogService', 'Tail');
  await wb.fill('lines', '2');
  await wb.fill('interval_ms', '10');
  for (const source of ['beta', 'alpha']) {
    await wb.fill('source', source);
    await wb.send();
    await expect(wb.status).toContainText('OK');
    await expect(wb.timeline).toContainText(`"text":"${source}: line 2"`);
    await expect(rec.mockCalls.first()).toContainText('(matched: first client message matched)');
  }
  // A request no recording has: the method's first recording answers, and the list says so.
  await wb.fill('source', 'gamma');
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await expect(rec.mockCalls.first()).toContainText('(default:');
  await expect(rec.mockCalls).toHaveCount(3);
  await docScreenshot(page, 'mock');
  await rec.stopMock();
});

test('the Record switch is off by default for unary calls and can turn recording on', async ({
  wb,
  env,
  page,
}) => {
  const rec = new RecordingsPanel(page);
  await rec.show();
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await expect(rec.recordToggle).not.toBeChecked();
  await wb.fill('id', '1');
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await expect(rec.region).toContainText('No recordings yet');
  await rec.recordToggle.check();
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await expect(rec.entries).toHaveCount(1);
});
