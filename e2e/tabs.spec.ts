// Tabs are documents: each holds its own server and schema, survives a page reload with its draft,
// and says when it has unsaved changes.
import { test, expect } from './fixtures/workbench.js';
import { startKindsServer, type KindsServer } from './fixtures/kinds-server.js';
import { CollectionsPanel } from './pages/collections.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';

let kinds: KindsServer;
test.beforeEach(async () => {
  kinds = await startKindsServer();
});
test.afterEach(async () => {
  await kinds.close();
});

test('two tabs on two servers with two schemas send alternately, each to its own server', async ({
  wb,
  env,
  page,
}) => {
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', '1');

  // A new tab starts on the same server; pointing it at another loads that server's schema there.
  await wb.newTab();
  await wb.loadByReflection(kinds.address);
  await expect(wb.service('kinds.KindService')).toBeVisible();
  await expect(wb.service('example.UserService')).toHaveCount(0);
  await wb.openMethod('kinds.KindService', 'Echo');
  await wb.fill('title', 'first');
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await expect(wb.responseJson).toContainText('"first"');

  await wb.tab('GetUser').click();
  await expect(wb.address).toHaveValue(env.demoAddress);
  await expect(wb.service('example.UserService')).toBeVisible();
  await expect(wb.field('id')).toHaveValue('1');
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await expect(wb.responseJson).toContainText('Ada Lovelace');

  await wb.tab('Echo').click();
  await expect(wb.address).toHaveValue(kinds.address);
  await expect(wb.responseJson).toContainText('"first"');
  await wb.fill('title', 'second');
  await wb.send();
  await expect(wb.responseJson).toContainText('"second"');

  await wb.tab('GetUser').click();
  await wb.send();
  await expect(wb.responseJson).toContainText('Ada Lovelace');
  // Only the second server saw the Echo calls, in order; neither schema staled the other tab.
  expect(kinds.echoed).toEqual(['first', 'second']);
  await expect(wb.tabs).not.toContainText('⚠');
  await docScreenshot(page, 'two-servers');
});

test('a reload brings back every tab with its draft, server, schema and last response', async ({
  wb,
  env,
  page,
}) => {
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', 'draft-1');
  await wb.newTab();
  await wb.loadByReflection(kinds.address);
  await wb.openMethod('kinds.KindService', 'Echo');
  await wb.fill('title', 'sent');
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await wb.showJson();
  await wb.setJson('{"title": "typed after"}');

  // The edited tabs are unsaved: the page asks before it goes (and is told to go).
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', (d) => {
      resolve(d.type());
      void d.accept();
    }),
  );
  await page.reload();
  expect(await asked).toBe('beforeunload');

  await expect(wb.tab('Echo')).toHaveAttribute('aria-selected', 'true');
  await expect(wb.tabs.getByRole('tab')).toHaveCount(2);
  await expect(wb.address).toHaveValue(kinds.address);
  await expect(wb.service('kinds.KindService')).toBeVisible();
  // The JSON view with the text as typed, and the last answer's summary.
  await expect.poll(() => wb.requestJsonText()).toBe('{"title": "typed after"}');
  await expect(wb.status).toContainText('OK');
  await expect(wb.unsavedMark('Echo')).toBeVisible();

  await wb.tab('GetUser').click();
  await expect(wb.address).toHaveValue(env.demoAddress);
  await expect(wb.service('example.UserService')).toBeVisible();
  await expect(wb.field('id')).toHaveValue('draft-1');
  await wb.fill('id', '1');
  await wb.send();
  await expect(wb.responseJson).toContainText('Ada Lovelace');
});

test('an edited tab shows its mark, asks before closing, and Save clears the mark', async ({
  wb,
  env,
  page,
}) => {
  const collections = new CollectionsPanel(page);
  await collections.show();
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await expect(wb.unsavedMark('GetUser')).toHaveCount(0);
  expect(await wb.leavingAsks()).toBe(false);

  await wb.fill('id', '5');
  await expect(wb.unsavedMark('GetUser')).toBeVisible();
  await expect(page).toHaveTitle(/^• GetUser/);
  expect(await wb.leavingAsks()).toBe(true);

  await wb.closeTab('GetUser');
  await expect(wb.closeDialog).toBeVisible();
  await expect(wb.closeDialog).toContainText('GetUser has changes that are not saved');
  await docScreenshot(page, 'close-unsaved');
  await wb.closeDialog.getByRole('button', { name: 'Keep open' }).click();
  await expect(wb.closeDialog).toBeHidden();
  await expect(wb.field('id')).toHaveValue('5');

  await collections.saveAs('Five', 'Users', { newCollection: true });
  await expect(wb.unsavedMark('Five')).toHaveCount(0);
  await expect(page).toHaveTitle(/^Five/);
  expect(await wb.leavingAsks()).toBe(false);

  await wb.fill('id', '6');
  await expect(wb.unsavedMark('Five')).toBeVisible();
  await wb.fill('id', '5');
  await expect(wb.unsavedMark('Five')).toHaveCount(0);
  await wb.fill('id', '6');
  await wb.closeTab('Five');
  await wb.closeDialog.getByRole('button', { name: 'Discard changes' }).click();
  await expect(wb.tab('Five')).toHaveCount(0);

  // Reopened from the collection: the file still has the saved id.
  await collections.open('Five');
  await expect(wb.field('id')).toHaveValue('5');
  await expect(wb.unsavedMark('Five')).toHaveCount(0);
});

test('a stream still running when the page reloads is followed again and can be cancelled', async ({
  wb,
  env,
  page,
}) => {
  await wb.connect(env.demoAddress);
  await wb.startTail(0, 20);
  await expect(wb.timeline).toContainText('line 2');

  page.once('dialog', (d) => void d.accept());
  await page.reload();
  // The tab re-attaches to its call in the engine: earlier lines and new ones arrive.
  await expect(wb.tab('Tail')).toHaveAttribute('aria-selected', 'true');
  await expect(wb.timeline).toContainText('line 1');
  const count = Number(await wb.receivedCount().textContent());
  await expect
    .poll(async () => Number(await wb.receivedCount().textContent()))
    .toBeGreaterThan(count);
  await wb.response.getByRole('button', { name: 'Cancel' }).click();
  await expect(wb.status).toContainText('CANCELLED');
});

test('a session file that cannot be read is set aside with a message, and the app starts', async ({
  wb,
  env,
  page,
}) => {
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  // The page has read the (empty) session before the file is broken.
  await expect(page.getByRole('dialog', { name: 'Welcome' })).toBeVisible();
  writeFileSync(join(env.dataDir, 'session.json'), '{ "version": 1, "tabs": [');
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'session' })).toBeVisible();
  await wb.connect(env.demoAddress);
  await wb.getUser('1');
});
