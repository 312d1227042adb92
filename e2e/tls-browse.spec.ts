// Files are chosen, not typed: the TLS certificate fields have Browse… (the file browser over the
// web host's machine, filtered to certificates and keys); a relative path says where it starts.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures/workbench.js';
import { startFastTailServer, type FastTailServer } from './fixtures/fast-tail-server.js';
import { makeCerts, type TestCerts } from './fixtures/certs.js';
import { TlsFilesPage } from './pages/tls-files.js';
import { axeViolations } from './pages/accessibility.js';

let certs: TestCerts;
let server: FastTailServer;
test.beforeEach(async () => {
  certs = makeCerts();
  writeFileSync(join(certs.dir, 'notes.txt'), 'not a certificate');
  server = await startFastTailServer({ cert: certs.cert, key: certs.key });
});
test.afterEach(async () => {
  await server.close();
  rmSync(certs.dir, { recursive: true, force: true });
});

test('the CA file is chosen in the file browser, filtered to certificates, and the call verifies', async ({
  wb,
  page,
}) => {
  const tls = new TlsFilesPage(page);
  await wb.skipWelcome();
  await wb.address.fill(`127.0.0.1:${server.port}`);
  await tls.openWithTls();
  await tls.browse('CA certificate file');
  await expect(tls.files.browser).toHaveAccessibleName('Choose a certificate file');
  await tls.files.goTo(certs.dir);
  await expect(tls.files.file('ca.pem')).toBeVisible();
  await expect(tls.files.file('server.key')).toBeVisible();
  await expect(tls.files.contents).not.toContainText('notes.txt');
  await tls.files.tick('ca.pem');
  await tls.files.choose();
  await expect(tls.field('CA certificate file')).toHaveValue(certs.caFile);
  // Escape in the browser closed the browser only, not the settings: still open here.
  await expect(tls.settings).toBeVisible();
  await expect(tls.relativeNote).toBeHidden();

  // The next field's browser opens where the CA is.
  await tls.browse('Client key file');
  await expect(tls.files.folder).toHaveValue(certs.dir);
  await page.keyboard.press('Escape');
  await expect(tls.files.browser).toBeHidden();
  await expect(tls.settings).toBeVisible();
  await expect(tls.field('Client key file')).toHaveValue('');
  for (const theme of ['light', 'dark'] as const) {
    // The theme is chosen in the top bar, behind the modal settings: closed for it, then reopened.
    await tls.settings.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(tls.settings).toBeHidden();
    await wb.chooseTheme(theme);
    await tls.openWithTls();
    await expect(tls.field('CA certificate file')).toHaveValue(certs.caFile);
    const serious = (await axeViolations(page)).filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious).toEqual([]);
  }
  await page.screenshot({ path: 'test-results/layout/tls-browse.png' });

  await tls.files.loadSchema();
  await wb.tailToEnd(3);
});

test('a relative certificate path says where it starts', async ({ wb, page }) => {
  const tls = new TlsFilesPage(page);
  await wb.skipWelcome();
  await tls.openWithTls();
  await tls.field('Client certificate file').fill('certs/client.pem');
  await expect(tls.relativeNote).toContainText(
    'Relative certificate paths start in the workspace folder',
  );
  await tls.browse('Client certificate file');
  await tls.chooseIn(certs.dir, 'ca.pem');
  await expect(tls.field('Client certificate file')).toHaveValue(certs.caFile);
  await expect(tls.relativeNote).toBeHidden();
});
