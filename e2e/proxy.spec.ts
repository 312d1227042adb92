import { test, expect } from './fixtures/workbench.js';
import { ProxyPage } from './pages/proxy.js';
import { startTinyproxy, type Tinyproxy } from '../main/proxy/tinyproxy.testkit.js';

// The proxy set in Connection settings carries reflection and the call (tinyproxy's log shows the
// CONNECT), the timeline's started row names it, and gzip is chosen in the same place.

let proxy: Tinyproxy;
test.beforeEach(async () => {
  proxy = await startTinyproxy();
});
test.afterEach(async () => {
  await proxy.close();
});

test('a call and its reflection go through the proxy set in Connection settings', async ({
  wb,
  env,
  page,
}) => {
  const settings = new ProxyPage(page);
  await wb.skipWelcome();
  await wb.address.fill(env.demoAddress);
  await settings.open();
  await settings.useProxy(proxy.url, 'alice', 'typed-in-clear');
  await expect(settings.plainPasswordWarning).toBeVisible();
  // A typed password is masked; one variable's name is shown as written.
  await expect(settings.field('Proxy password')).toHaveAttribute('type', 'password');
  await settings.field('Proxy password').fill('{{proxyPassword}}');
  await expect(settings.plainPasswordWarning).toBeHidden();
  await expect(settings.field('Proxy password')).toHaveAttribute('type', 'text');
  // Not a name to the engine: sent as typed, so masked and warned about.
  await settings.field('Proxy password').fill('{{not a name}}');
  await expect(settings.plainPasswordWarning).toBeVisible();
  await expect(settings.field('Proxy password')).toHaveAttribute('type', 'password');
  await settings.field('Proxy password').fill('{{proxyPassword}}');
  // A password in the URL is saved as typed too.
  const urlWarning = settings.settings
    .getByRole('note')
    .filter({ hasText: 'This proxy URL holds a password' });
  await settings.field('Proxy URL').fill(proxy.url.replace('://', '://alice:hunter2@'));
  await expect(urlWarning).toBeVisible();
  await settings.field('Proxy URL').fill(proxy.url);
  await expect(urlWarning).toBeHidden();
  // tinyproxy here asks for no credentials: the user name and password are sent and ignored.
  await settings.field('Proxy user name').fill('');
  await settings.field('Proxy password').fill('');
  await settings.compression.selectOption('gzip');
  await settings.loadSchema();
  await wb.openMethod('example.LogService', 'Tail');
  // Reflection went through the proxy; the call then shares its channel, so its tunnel too.
  expect(proxy.connects()).toEqual([env.demoAddress]);
  await wb.fill('lines', '2');
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await expect(wb.timeline).toContainText(`via proxy ${proxy.address}`);
  expect(proxy.connects()).toEqual([env.demoAddress]);
});
