// The collection runner panel (issue 15 §4): a chain of two saved requests on the demo server
// where the second sends the {{token}} the first captured, run from the Collections panel, both
// passing; a failing request opened in a tab with its response; Cancel of a run in progress;
// "Run with dependencies" on a request runs exactly it and the one it depends on.
import { test, expect } from './fixtures/workbench.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';
import { RunnerPage, saveRequests } from './pages/runner.js';

const chain = {
  '1 sign in': {
    messages: [{ id: '42' }],
    assertions: [{ expr: 'status.code == 0' }],
    captures: [{ name: 'token', expr: 'response.id', secret: true }],
  },
  '2 profile': {
    messages: [{ id: '{{token}}' }],
    assertions: [{ expr: 'response.name == "Douglas Adams"', name: 'the signed-in user' }],
  },
};

test('a chain of two requests runs from the runner panel, the second with the first one’s {{token}}', async ({
  wb,
  env,
  page,
}) => {
  await wb.skipWelcome();
  await saveRequests(page, env.demoAddress, 'Chain', chain);
  const runner = new RunnerPage(page);
  await runner.open('Chain');
  await runner.run();
  await expect(runner.state).toContainText('Finished: 2 passed, 0 failed, 2/2 assertions');
  await expect(runner.result('Chain/1 sign in')).toContainText('✓ Passed');
  await expect(runner.result('Chain/1 sign in')).toContainText('captured token');
  await expect(runner.result('Chain/2 profile')).toContainText('✓ Passed');
  await expect(runner.result('Chain/2 profile')).toContainText('OK');
  await expect(runner.result('Chain/2 profile')).toContainText(/\d+ ms/);
});

test('a failing request shows its assertion with the value seen, and opens with its response', async ({
  wb,
  env,
  page,
}) => {
  await wb.skipWelcome();
  await saveRequests(page, env.demoAddress, 'Users', {
    'get ada': {
      messages: [{ id: '1' }],
      assertions: [{ expr: 'response.age > 40' }, { expr: 'status.code == 0' }],
    },
  });
  const runner = new RunnerPage(page);
  await runner.open('Users');
  await runner.run();
  await expect(runner.state).toContainText('Finished: 0 passed, 1 failed, 1/2 assertions');
  const failed = runner.result('Users/get ada');
  await expect(failed).toContainText('✗ Failed');
  await expect(failed).toContainText('response.age > 40');
  await expect(failed).toContainText('36');
  await runner.openResult('Users/get ada');
  await expect(wb.tabs.getByRole('tab', { name: /get ada/ })).toBeVisible();
  await expect(wb.response).toContainText('Ada Lovelace');
  await expect(wb.response).toContainText('response.age > 40');
});

test('Cancel stops a run in progress', async ({ wb, env, page }) => {
  await wb.skipWelcome();
  await saveRequests(page, env.demoAddress, 'Logs', {
    'tail forever': {
      method: '/example.LogService/Tail',
      messages: [{ source: 'e2e', lines: 0, intervalMs: 50 }],
      assertions: [{ expr: 'messages.size() > 0' }],
    },
  });
  const runner = new RunnerPage(page);
  await runner.open('Logs');
  await runner.run();
  await expect(runner.dialog.getByText('Now: Logs/tail forever')).toBeVisible();
  await runner.cancel();
  await expect(runner.state).toContainText('Cancelled');
  await runner.close();
});

test('Run with dependencies on a request runs exactly the one it takes {{token}} from', async ({
  wb,
  env,
  page,
}) => {
  await wb.skipWelcome();
  // The request it depends on is not next to it, and the one between has a name of the same
  // length: no one filter (glob) picks 1 and 3 without 2.
  await saveRequests(page, env.demoAddress, 'Deps', {
    '1 sign in': chain['1 sign in'],
    '2 get ada': { messages: [{ id: '1' }] },
    '3 profile': chain['2 profile'],
    '4 later': { messages: [{ id: '2' }] },
  });
  const runner = new RunnerPage(page);
  await runner.open('3 profile', 'Run with dependencies…');
  await expect(runner.dialog).toContainText('Runs Deps/1 sign in, Deps/3 profile');
  await runner.run();
  await expect(runner.state).toContainText('Finished: 2 passed, 0 failed');
  await expect(runner.results.getByRole('listitem')).toHaveCount(2);
  await expect(runner.result('Deps/3 profile')).toContainText('✓ Passed');
});

for (const theme of ['light', 'dark'] as const)
  test(`the runner panel at 1440×900 (${theme})`, async ({ wb, env, page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await wb.skipWelcome();
    await wb.chooseTheme(theme);
    await saveRequests(page, env.demoAddress, 'Chain', {
      ...chain,
      '3 get ada': { messages: [{ id: '1' }], assertions: [{ expr: 'response.age > 40' }] },
    });
    const runner = new RunnerPage(page);
    await runner.open('Chain');
    await runner.setIterations(2);
    await runner.run();
    await expect(runner.state).toContainText('Finished: 4 passed, 2 failed');
    await docScreenshot(page, `runner-${theme}`);
  });
