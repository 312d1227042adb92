// Issue 14 §1: what happened, where the user looks. A failed "Load by reflection" shows its reason
// in words with the next step as a button, the tree lets go of the old schema, the banner goes
// once the cause is fixed; a call that never got through says so in words, with the library's text
// one click away; connection states are words.
import { test, expect } from './fixtures/workbench.js';
import {
  closedAddress,
  exampleProto,
  exampleProtoDir,
  startNoReflectionServer,
  type NoReflectionServer,
} from './fixtures/no-reflection-server.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';
import { makeCerts } from './fixtures/certs.js';
import { startFastTailServer } from './fixtures/fast-tail-server.js';
import { rmSync } from 'node:fs';
import { axeViolations } from './pages/accessibility.js';
import { ErrorsPage } from './pages/errors.js';

let bare: NoReflectionServer | undefined;
test.afterEach(async () => {
  await bare?.close();
  bare = undefined;
});

test('nothing listening: said in words, the old tree cleared, Retry on a fixed address clears it', async ({
  wb,
  env,
}) => {
  const errors = new ErrorsPage(wb);
  await wb.connect(env.demoAddress);
  await expect(wb.service('example.UserService')).toBeVisible();
  const closed = await closedAddress();

  await errors.tryReflection(closed);
  await expect(errors.schemaBanner).toContainText(`Nothing is listening at ${closed}`);
  await expect(errors.schemaBanner).not.toContainText(/UNAVAILABLE|No connection established/);
  // The demo's services are not this server's: the tree no longer shows them.
  await expect(wb.tree.getByRole('treeitem')).toHaveCount(0);
  await expect(wb.statusBar).toContainText('Schema not loaded');
  await expect(wb.statusBar).not.toContainText(/READY|TRANSIENT_FAILURE|SHUTDOWN|IDLE/);
  const details = await errors.showDetails(errors.schemaBanner);
  await expect(details).toContainText(/ECONNREFUSED|connection refused/i);

  // The cause fixed (the address is the demo's again), Retry loads and the banner goes.
  await wb.address.fill(env.demoAddress);
  await errors.bannerStep('Retry').click();
  await expect(errors.schemaBanner).toBeHidden();
  await expect(wb.service('example.UserService')).toBeVisible();
  await expect(wb.statusBar).toContainText('Connected');
});

test('a server without reflection offers .proto files, and loading them clears the banner', async ({
  wb,
}) => {
  const errors = new ErrorsPage(wb);
  bare = await startNoReflectionServer();
  await wb.skipWelcome();
  await errors.tryReflection(bare.address);
  await expect(errors.schemaBanner).toContainText(
    `${bare.address} does not offer server reflection`,
  );
  await errors.bannerStep('Load .proto files…').click();
  await expect(errors.settingsDialog).toBeVisible();
  await errors.settingsDialog.getByRole('button', { name: 'Close', exact: true }).click();
  await wb.loadProtoFiles([exampleProto], [exampleProtoDir]);
  await expect(errors.schemaBanner).toBeHidden();
  await expect(wb.service('example.LogService')).toBeVisible();
});

test('TLS spoken to a plaintext server: it looks like plaintext, and "Use plaintext" fixes it', async ({
  wb,
  env,
}) => {
  const errors = new ErrorsPage(wb);
  await wb.skipWelcome();
  await errors.chooseSecurity('tls');
  await errors.tryReflection(env.demoAddress);
  await expect(errors.schemaBanner).toContainText('looks like a plaintext server');
  await errors.bannerStep('Use plaintext').click();
  await expect(errors.schemaBanner).toBeHidden();
  await expect(errors.security).toHaveValue('plaintext');
  await expect(wb.service('example.UserService')).toBeVisible();
});

test('a call that never connected says where in words and that nothing was sent', async ({
  wb,
  env,
}) => {
  const errors = new ErrorsPage(wb);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', '1');
  const closed = await closedAddress();
  await wb.address.fill(closed);
  await wb.send();
  await expect(wb.status).toContainText(`Nothing is listening at ${closed}`);
  await expect(wb.status).not.toContainText(/LB pick|remote_addr|No connection established/);
  await expect(wb.response).toContainText('Nothing sent');
  const details = await errors.showDetails(wb.status);
  await expect(details).toContainText(/ECONNREFUSED|refused/i);
  await docScreenshot(wb.page, 'screenshots/call-never-connected');
  // The cause fixed: the next Send answers and the words go.
  await wb.address.fill(env.demoAddress);
  await errors.callStep('Retry').click();
  await expect(wb.status).toContainText('OK');
  await expect(wb.status).not.toContainText('Nothing is listening');
});

test('a call in TLS to a plaintext server: said in words, "Use plaintext" switches and sends again', async ({
  wb,
  env,
}) => {
  const errors = new ErrorsPage(wb);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', '1');
  await errors.chooseSecurity('tls');
  await wb.send();
  await expect(wb.status).toContainText('looks like a plaintext server');
  await expect(wb.status).not.toContainText(/SSL routines|wrong version number/);
  await errors.callStep('Use plaintext').click();
  await expect(errors.security).toHaveValue('plaintext');
  await expect(wb.status).toContainText('OK');
});

test('plaintext to a TLS server offers "Use TLS"', async ({ wb }) => {
  const errors = new ErrorsPage(wb);
  const certs = makeCerts();
  const server = await startFastTailServer({ cert: certs.cert, key: certs.key });
  try {
    await wb.skipWelcome();
    await errors.tryReflection(`127.0.0.1:${server.port}`);
    await expect(errors.schemaBanner).toBeVisible();
    await errors.bannerStep('Use TLS').click();
    await expect(errors.security).toHaveValue('tls');
    // Its certificate is self-signed: the next failure says so and points at the CA setting.
    await expect(errors.schemaBanner).toContainText('The secure (TLS) connection');
  } finally {
    await server.close();
    rmSync(certs.dir, { recursive: true, force: true });
  }
});

test('a deadline is said with its length', async ({ wb, env }) => {
  const errors = new ErrorsPage(wb);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.LogService', 'Tail');
  await wb.fill('lines', '0');
  await wb.fill('interval_ms', '1000');
  await errors.deadline.fill('1500');
  await wb.send();
  await expect(wb.status).toContainText('Deadline of 1.5 s exceeded');
});

test('a blocked Send keeps the previous response on screen', async ({ wb, env }) => {
  await wb.connect(env.demoAddress);
  await wb.getUser('1');
  await expect(wb.responseJson).toContainText('"1"');
  await wb.showJson();
  await wb.setJson('{ "id": ');
  await wb.send();
  await expect(wb.request.getByRole('alert')).toBeVisible();
  await expect(wb.status).toContainText('OK');
  await expect(wb.responseJson).toContainText('"1"');
});

test('a Send the engine refuses keeps the previous response on screen', async ({ wb, env }) => {
  await wb.connect(env.demoAddress);
  await wb.getUser('1');
  await expect(wb.responseJson).toContainText('"1"');
  // Valid JSON the form accepts; only the engine knows no such variable and refuses the start.
  await wb.fill('id', '{{nope}}');
  await wb.send();
  await expect(wb.request.getByRole('alert')).toContainText('nope');
  await expect(wb.status).toContainText('OK');
  await expect(wb.responseJson).toContainText('"1"');
});

for (const theme of ['light', 'dark'] as const) {
  test(`a failed reflection with its next step, ${theme}: no serious axe violations`, async ({
    wb,
    page,
  }) => {
    const errors = new ErrorsPage(wb);
    bare = await startNoReflectionServer();
    await page.setViewportSize({ width: 1280, height: 800 });
    await wb.skipWelcome();
    await wb.chooseTheme(theme);
    await errors.tryReflection(bare.address);
    await expect(errors.bannerStep('Load .proto files…')).toBeVisible();
    // The banner and the status bar are this part's; other parts of the page have their own checks.
    const serious: string[] = [];
    for (const v of await axeViolations(page)) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue;
      for (const target of v.targets) {
        const ours = await page
          .locator(target)
          .first()
          .evaluate((el) => el.closest('.failure-banner, .statusbar') !== null);
        if (ours) serious.push(`${v.id}: ${target}`);
      }
    }
    expect(serious).toEqual([]);
    await docScreenshot(page, `screenshots/reflection-failed-${theme}`);
  });
}
