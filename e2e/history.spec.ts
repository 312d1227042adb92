import { test, expect } from './fixtures/workbench.js';
import { HistoryPanel } from './pages/history.js';

test('history lists each call, searches, and reopens a call into a new tab', async ({
  wb,
  env,
  page,
}) => {
  const history = new HistoryPanel(page);
  await history.show();
  await wb.connect(env.demoAddress);
  await wb.getUser('1');
  await wb.fill('id', 'nobody');
  await wb.send();
  await expect(wb.status).toContainText('NOT_FOUND');

  await expect(history.entries).toHaveCount(2);
  await expect(history.entries.first()).toContainText('NOT_FOUND');
  await expect(history.entries.nth(1)).toContainText('GetUser');

  await history.search('"nobody"');
  await expect(history.entries).toHaveCount(1);
  await history.search('no-such-call-anywhere');
  await expect(history.entries).toHaveCount(0);
  await expect(history.region).toContainText('Nothing matches');
  await history.search('');
  await expect(history.entries).toHaveCount(2);

  await history.entries.nth(1).click();
  await expect(page.getByRole('tablist', { name: 'Open requests' }).getByRole('tab')).toHaveCount(
    2,
  );
  await expect(wb.field('id')).toHaveValue('1');
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await expect(history.entries).toHaveCount(3);
});
