// Issue 14 §5: a request's Auth section sends what the server asks for. A demo server that
// answers UNAUTHENTICATED unless `authorization: Bearer <token>` arrives, on a free port.
import { test, expect } from './fixtures/workbench.js';
import { startDemoServer, type DemoServer } from '../main/demo/demo-server.js';
import { exampleProto, exampleProtoDir } from './fixtures/no-reflection-server.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';
import { AuthPage, authAxeFindings } from './pages/auth.js';
import { CollectionsPanel } from './pages/collections.js';
import { LayoutPage } from './pages/layout.js';

const TOKEN = 'e2e-token-1234';
let guarded: DemoServer;
test.beforeEach(async () => {
  guarded = await startDemoServer({ port: 0, requireAuthorization: `Bearer ${TOKEN}` });
});
test.afterEach(async () => {
  await guarded.close();
});

test('Bearer auth gets the call in; without it the server says UNAUTHENTICATED', async ({
  wb,
  page,
}) => {
  const auth = new AuthPage(page);
  await wb.skipWelcome();
  await wb.address.fill(`127.0.0.1:${guarded.port}`);
  await wb.loadProtoFiles([exampleProto], [exampleProtoDir]);
  await wb.openMethod('example.LogService', 'Tail');
  await wb.fill('lines', '2');

  await expect(auth.type).toHaveValue('inherit');
  await wb.send();
  await expect(wb.status).toContainText('UNAUTHENTICATED');

  await auth.useBearer(TOKEN);
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await expect(wb.receivedCount()).toHaveText('2');

  await page.setViewportSize({ width: 1280, height: 800 });
  await auth.section.scrollIntoViewIfNeeded();
  for (const theme of ['light', 'dark'] as const) {
    await wb.chooseTheme(theme);
    await auth.section.scrollIntoViewIfNeeded();
    expect(await authAxeFindings(page)).toEqual([]);
    await docScreenshot(page, `screenshots/auth-${theme}`);
  }
});

test('Load by reflection authenticates with the request’s auth', async ({ wb, page }) => {
  const auth = new AuthPage(page);
  await wb.skipWelcome();
  const address = `127.0.0.1:${guarded.port}`;
  await wb.address.fill(address);
  await wb.loadProtoFiles([exampleProto], [exampleProtoDir]);
  await wb.openMethod('example.LogService', 'Tail');
  await auth.useBearer(TOKEN);
  await wb.loadByReflection(address);
  await expect(wb.statusBar).toContainText('reflection');
  await wb.fill('lines', '1');
  await wb.send();
  await expect(wb.status).toContainText('OK');
});

test('a saved request inherits its collection’s auth (Auth… in the tree)', async ({ wb, page }) => {
  const auth = new AuthPage(page);
  const collections = new CollectionsPanel(page);
  await collections.show();
  await wb.skipWelcome();
  await wb.address.fill(`127.0.0.1:${guarded.port}`);
  await wb.loadProtoFiles([exampleProto], [exampleProtoDir]);
  await wb.openMethod('example.LogService', 'Tail');
  await wb.fill('lines', '1');
  await new LayoutPage(page).openPanel('Collections');
  await collections.saveAs('Tail', 'Guarded', { newCollection: true });
  await wb.send();
  await expect(wb.status).toContainText('UNAUTHENTICATED');
  await auth.setFolderBearer('Guarded', TOKEN);
  await expect(auth.type).toHaveValue('inherit');
  await wb.send();
  await expect(wb.status).toContainText('OK');
});
