import { test, expect } from './fixtures/workbench.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';

test('loads the schema by reflection and lists services and methods', async ({ wb, env }) => {
  await wb.connect(env.demoAddress);
  for (const svc of [
    'example.UserService',
    'example.LogService',
    'example.ChatService',
    'example.BatchService',
  ]) {
    await expect(wb.service(svc)).toBeVisible();
  }
  await expect(wb.method('GetUser', 'example.UserService')).toBeVisible();
});

test('unary GetUser answers OK with the user', async ({ wb, env, page }) => {
  await wb.connect(env.demoAddress);
  await wb.getUser('1');
  await expect(wb.responseJson).toContainText('Ada Lovelace');
  await docScreenshot(page, 'unary');
});

test('unary GetUser of an unknown id shows NOT_FOUND with the ResourceInfo detail', async ({
  wb,
  env,
  page,
}) => {
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', 'nobody');
  await wb.send();
  await expect(wb.status).toContainText('NOT_FOUND');
  await expect(wb.status).toContainText('google.rpc.ResourceInfo');
  await expect(wb.status).toContainText('nobody');
  await docScreenshot(page, 'error-details');
});

test('Copy as grpcurl puts the request on the clipboard as a grpcurl command', async ({
  wb,
  env,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', "it's");
  await wb.request.getByRole('button', { name: 'Copy as grpcurl' }).click();
  await expect(page.getByRole('alert')).toContainText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(
    `grpcurl -plaintext -d '{"id":"it'\\''s"}' ${env.demoAddress} example.UserService/GetUser`,
  );
});

test('screens for the README: welcome, and the dark theme', async ({ wb, env, page }) => {
  await expect(page.getByRole('dialog', { name: 'Welcome' })).toBeVisible();
  await docScreenshot(page, 'welcome');
  await wb.skipWelcome();
  await page.emulateMedia({ colorScheme: 'dark' });
  await wb.loadByReflection(env.demoAddress);
  await wb.getUser('3');
  await docScreenshot(page, 'dark');
});
