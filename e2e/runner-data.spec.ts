// Data-driven runs in the runner dialog (issue 15 §4, as Postman's data file): a folder run over a
// 3-row CSV in the workspace folder runs 3 iterations with the columns as variables, the field
// saying the rows; a broken CSV is refused at the field with file:line and nothing runs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures/workbench.js';
import { CollectionsPanel } from './pages/collections.js';
import { RunnerPage, saveRequests } from './pages/runner.js';

const users = {
  'get user': {
    // Status decides: each row's id is a demo user, an id left as {{userId}} is not.
    messages: [{ id: '{{userId}}' }],
  },
};

test('a folder runs once per row of a CSV data file, the columns as variables', async ({
  wb,
  env,
  page,
}) => {
  await wb.skipWelcome();
  await saveRequests(page, env.demoAddress, 'Users', users);
  const dir = await new CollectionsPanel(page).workspaceDir();
  writeFileSync(
    join(dir, 'users.csv'),
    'userId,who\n1,Ada Lovelace\n2,Alan Turing\n3,Grace Hopper\n',
  );
  const runner = new RunnerPage(page);
  await runner.open('Users');
  await runner.setDataFile('users.csv');
  await runner.run();
  await expect(runner.state).toContainText('Finished: 3 passed, 0 failed');
  await expect(runner.results.getByRole('listitem')).toHaveCount(3);
  await expect(runner.results).toContainText('iteration 3');
  await expect(runner.dialog).toContainText('3 rows in users.csv: one iteration each');
});

test('a broken CSV is refused at the field with file:line, nothing run', async ({
  wb,
  env,
  page,
}) => {
  await wb.skipWelcome();
  await saveRequests(page, env.demoAddress, 'Users', users);
  const dir = await new CollectionsPanel(page).workspaceDir();
  writeFileSync(join(dir, 'broken.csv'), 'userId,who\n1,Ada\n2,"Al"an\n');
  const runner = new RunnerPage(page);
  await runner.open('Users');
  await runner.setDataFile('broken.csv');
  await runner.run();
  await expect(runner.dialog.getByRole('alert')).toContainText(
    'broken.csv:3: text after a closing quote',
  );
  await expect(runner.state).toContainText('Not run: the data file cannot be read');
  await expect(runner.results.getByRole('listitem')).toHaveCount(0);
});
