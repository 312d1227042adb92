// `wb.status` is the call's status line in the Response pane, not any status on the page: with the
// runner's own status line showing too, it still finds the one call status (a page-wide locator
// matched both and failed in strict mode).
import { test, expect } from './fixtures/workbench.js';
import { RunnerPage, saveRequests } from './pages/runner.js';

test('the call status is found while the runner shows its own status', async ({
  wb,
  env,
  page,
}) => {
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', 'nobody');
  await wb.send();
  await expect(wb.status).toContainText('NOT_FOUND');
  await saveRequests(page, env.demoAddress, 'Status', { 'get ada': { messages: [{ id: '1' }] } });
  const runner = new RunnerPage(page);
  await runner.open('Status');
  await runner.run();
  await expect(runner.state).toContainText('Finished: 1 passed');
  await expect(wb.status).toContainText('NOT_FOUND');
  await expect(wb.status).not.toContainText('Finished');
});
