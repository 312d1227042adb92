// A stream is recorded by default; one that captures a secret from its answer is not (its
// recording would hold the value), and the Response pane says so in words instead of leaving the
// recordings list silently short of it.
import { test, expect } from './fixtures/workbench.js';
import { ChecksPage } from './pages/checks.js';

test('a stream that captures a secret says it was not recorded, and why', async ({
  wb,
  env,
  page,
}) => {
  const checks = new ChecksPage(page);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.LogService', 'Tail');
  await wb.fill('source', 'notes');
  await wb.fill('lines', '2');
  await wb.fill('interval_ms', '1');
  await checks.addCapture('firstLine', 'messages[0].text');
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await expect(wb.callNotes).toHaveCount(0);

  await checks.captureSecret(1).check();
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await expect(wb.callNotes).toHaveText(
    'Not recorded: it captures the secret "firstLine", and a recording would write its value to a file.',
  );
});
