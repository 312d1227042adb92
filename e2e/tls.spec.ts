import { rmSync } from 'node:fs';
import { test, expect } from './fixtures/workbench.js';
import { startFastTailServer, type FastTailServer } from './fixtures/fast-tail-server.js';
import { makeCerts, type TestCerts } from './fixtures/certs.js';

let certs: TestCerts;
let server: FastTailServer;
test.beforeEach(async () => {
  certs = makeCerts();
  server = await startFastTailServer({ cert: certs.cert, key: certs.key });
});
test.afterEach(async () => {
  await server.close();
  rmSync(certs.dir, { recursive: true, force: true });
});

test('TLS with a custom CA file verifies the server and calls it', async ({ wb, page }) => {
  await wb.skipWelcome();
  await wb.address.fill(`127.0.0.1:${server.port}`);
  await page.getByRole('button', { name: 'Connection settings…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connection settings' });
  await dialog.getByRole('combobox', { name: 'Security' }).selectOption('tls');
  await dialog.getByRole('textbox', { name: 'CA certificate file' }).fill(certs.caFile);
  await dialog.getByRole('button', { name: 'Load schema' }).click();
  await expect(dialog).toBeHidden();
  await wb.tailToEnd(5);
  await expect(wb.receivedCount()).toHaveText('5');
});

test('TLS without the CA fails, and skip-verify works with a visible warning', async ({
  wb,
  page,
}) => {
  await wb.skipWelcome();
  await wb.address.fill(`127.0.0.1:${server.port}`);
  await page.getByRole('combobox', { name: 'Security' }).selectOption('tls');
  await page.getByRole('button', { name: 'Load by reflection' }).click();
  await page.getByRole('button', { name: 'Connection settings…' }).click();
  const settings = page.getByRole('dialog', { name: 'Connection settings' });
  await expect(settings.getByRole('alert')).not.toBeEmpty();
  await settings.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('combobox', { name: 'Security' }).selectOption('tls-skip');
  await expect(page.getByRole('note').filter({ hasText: 'verification is off' })).toBeVisible();
  await wb.loadByReflection(`127.0.0.1:${server.port}`);
  await wb.tailToEnd(2);
});
