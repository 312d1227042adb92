import { test, expect } from './fixtures/workbench.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';

test('the welcome screen starts the demo server with one click', async ({ wb }) => {
  await wb.tryDemo();
  await expect(wb.service('example.UserService')).toBeVisible();
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', '2');
  await wb.page.keyboard.press('ControlOrMeta+Enter');
  await expect(wb.status).toContainText('OK');
});

test('metadata is sent and echoed back in headers and trailers; a deadline ends a slow stream', async ({
  wb,
  env,
  page,
}) => {
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', '1');
  await wb.request.getByRole('button', { name: 'Add metadata' }).click();
  await wb.request.getByLabel('Metadata key 1').fill('x-echo-trace');
  await wb.request.getByLabel('Metadata value 1').fill('abc-123');
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await wb.response.getByRole('tab', { name: /Headers/ }).click();
  await expect(wb.response.getByRole('table', { name: 'Headers' })).toContainText('abc-123');
  await wb.response.getByRole('tab', { name: /Trailers/ }).click();
  await expect(wb.response.getByRole('table', { name: 'Trailers' })).toContainText('x-echo-trace');

  await wb.openMethod('example.LogService', 'Tail');
  await wb.fill('lines', '0');
  await wb.fill('interval_ms', '50');
  await wb.request.getByLabel('Deadline (ms)').fill('400');
  await wb.send();
  await expect(wb.status).toContainText('DEADLINE_EXCEEDED');
  await docScreenshot(page, 'deadline');
});

test('tabs keep their drafts, and the filter narrows the tree', async ({ wb, env }) => {
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', 'draft-1');
  await wb.openMethod('example.ChatService', 'Chat');
  await wb.fill('sender', 'me');
  await wb.page.getByRole('tab', { name: /GetUser/ }).click();
  await expect(wb.field('id')).toHaveValue('draft-1');
  await wb.page.getByRole('tab', { name: /Chat/ }).click();
  await expect(wb.field('sender')).toHaveValue('me');
  // Ctrl+W closes the tab; it holds a typed sender, so it asks first.
  await wb.page.keyboard.press('ControlOrMeta+w');
  await wb.closeDialog.getByRole('button', { name: 'Discard changes' }).click();
  await expect(wb.page.getByRole('tab', { name: /Chat/ })).toHaveCount(0);
  await wb.page.locator('body').click();
  await wb.page.keyboard.press('ControlOrMeta+t');
  await expect(wb.page.getByRole('tab', { name: /New request/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );

  await wb.page.getByRole('searchbox', { name: 'Filter services' }).fill('tail');
  await expect(wb.method('Tail')).toBeVisible();
  await expect(wb.method('GetUser')).toHaveCount(0);
});

test('a schema error says which file and line', async ({ wb }) => {
  await wb.skipWelcome();
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'gwb-bad-'));
  const file = join(dir, 'broken.proto');
  writeFileSync(file, 'syntax = "proto3";\nmessage A {\n  string x = 1\n}\n');
  await wb.page.getByRole('button', { name: 'Connection settings…' }).click();
  const dialog = wb.page.getByRole('dialog', { name: 'Connection settings' });
  await dialog.getByRole('combobox', { name: 'Schema source' }).selectOption('protoFiles');
  await dialog.getByRole('textbox', { name: 'Proto files' }).fill(file);
  await dialog.getByRole('button', { name: 'Load schema' }).click();
  try {
    await expect(dialog.getByRole('alert')).toContainText('broken.proto');
    await expect(dialog.getByRole('alert')).toContainText(/line 4|:4/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('reloading the schema keeps open tabs and marks the ones whose method is gone', async ({
  wb,
  env,
  page,
}) => {
  const { fileURLToPath } = await import('node:url');
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', 'kept');
  await wb.loadProtoFiles([fileURLToPath(new URL('./fixtures/kinds.proto', import.meta.url))]);
  await expect(page.getByRole('tab', { name: /GetUser/ })).toContainText('⚠');
  await expect(wb.request).toContainText('not in the loaded schema');
  await wb.loadByReflection(env.demoAddress);
  await expect(page.getByRole('tab', { name: /GetUser/ })).not.toContainText('⚠');
  await expect(wb.field('id')).toHaveValue('kept');
});

test('the theme follows the OS unless the user picks light or dark', async ({ wb, page }) => {
  const white = 'rgb(255, 255, 255)';
  const dark = 'rgb(22, 25, 31)';
  await wb.skipWelcome();
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => wb.pageBackground()).toBe(white);
  await wb.chooseTheme('dark');
  await expect.poll(() => wb.pageBackground()).toBe(dark);
  await page.emulateMedia({ colorScheme: 'dark' });
  await wb.chooseTheme('light');
  await expect.poll(() => wb.pageBackground()).toBe(white);
  await wb.chooseTheme('system');
  await expect.poll(() => wb.pageBackground()).toBe(dark);
});
