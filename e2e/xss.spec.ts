// Server-supplied strings are data: whatever a server puts in messages, status, error details,
// metadata or proto comments shows as text and never runs. Each hostile payload adds one to
// window.__xss if it ever executes; the probe also records CSP violations (something tried to run)
// and any element that exists only if server text was parsed as HTML.
import { test, expect } from './fixtures/workbench.js';
import {
  hostileProto,
  startHostileServer,
  XSS_IMG,
  XSS_SCRIPT,
  XSS_URL,
  type HostileServer,
} from './fixtures/hostile-server.js';
import type { WorkbenchPage } from './pages/workbench.js';

let hostile: HostileServer;

test.beforeAll(async () => {
  hostile = await startHostileServer();
});

test.afterAll(async () => {
  await hostile.close();
});

async function expectNothingRan(wb: WorkbenchPage): Promise<void> {
  const probe = await wb.xssProbe();
  expect(probe.executions, 'a server string ran as script').toBeUndefined();
  expect(probe.htmlInjections, 'server text was parsed as HTML').toEqual([]);
  expect(probe.cspViolations, 'something tried to run script').toEqual([]);
}

async function openHostile(
  wb: WorkbenchPage,
  method: string,
  by: 'protoFiles' | 'reflection' = 'protoFiles',
): Promise<void> {
  await wb.skipWelcome();
  await wb.installXssProbe();
  if (by === 'reflection') {
    await wb.loadByReflection(hostile.address);
  } else {
    await wb.address.fill(hostile.address);
    await wb.loadProtoFiles([hostileProto]);
  }
  await wb.openMethod('hostile.HostileService', method);
}

for (const by of ['protoFiles', 'reflection'] as const) {
  test(`proto comments (schema from ${by}) show as text and never run`, async ({ wb }) => {
    await openHostile(wb, 'Echo', by);
    await expectHostileComments(wb);
  });
}

async function expectHostileComments(wb: WorkbenchPage): Promise<void> {
  // Field comments are shown under the field; service and method comments are tooltips.
  await expect(wb.request.getByText(`${XSS_IMG} field comment`)).toBeVisible();
  await expect(wb.request.getByText(`${XSS_URL} enum field comment`)).toBeVisible();
  await expect(wb.tree.getByTitle(`${XSS_IMG} service comment`)).toHaveCount(1);
  await expect(wb.tree.getByTitle(`${XSS_SCRIPT} method comment`)).toHaveCount(1);
  await expect(wb.field('mood').locator('option', { hasText: 'MOOD_UNSPECIFIED' })).toHaveAttribute(
    'title',
    `${XSS_IMG} enum value comment`,
  );
  await expectNothingRan(wb);
}

test('a field comment in the JSON editor completion info shows as text and never runs', async ({
  wb,
}) => {
  await openHostile(wb, 'Echo');
  const info = await wb.jsonCompletionInfo('{\n  "no');
  await expect(info).toHaveText(`${XSS_IMG} field comment`);
  await expectNothingRan(wb);
});

test('a response message and its header and trailer metadata show as text and never run', async ({
  wb,
}) => {
  await openHostile(wb, 'Echo', 'reflection');
  await wb.fill('note', XSS_SCRIPT);
  await wb.send();
  await expect(wb.status).toContainText('OK');
  for (const s of [XSS_IMG, XSS_SCRIPT, XSS_URL]) await expect(wb.responseJson).toContainText(s);
  for (const which of ['Headers', 'Trailers'] as const) {
    await wb.showResponseMetadata(which);
    const table = wb.metadataTable(which);
    const prefix = which === 'Headers' ? 'header' : 'trailer';
    await expect(table.getByRole('row', { name: `x-${prefix}-html` })).toContainText(XSS_IMG);
    await expect(table.getByRole('row', { name: `x-${prefix}-script` })).toContainText(XSS_SCRIPT);
    await expect(table.getByRole('row', { name: `x-${prefix}-link` })).toContainText(XSS_URL);
  }
  await expectNothingRan(wb);
});

test('a status message, error details and trailers of a failed call show as text and never run', async ({
  wb,
}) => {
  await openHostile(wb, 'Fail');
  await wb.send();
  await expect(wb.status).toContainText('FAILED_PRECONDITION');
  await expect(wb.status).toContainText(`${XSS_IMG} ${XSS_SCRIPT}`);
  const details = wb.status.getByRole('list', { name: 'Error details' });
  await expect(details).toContainText('google.rpc.ResourceInfo');
  for (const s of [XSS_IMG, XSS_SCRIPT, XSS_URL]) await expect(details).toContainText(s);
  await wb.showResponseMetadata('Trailers');
  await expect(
    wb.metadataTable('Trailers').getByRole('row', { name: 'x-trailer-html' }),
  ).toContainText(XSS_IMG);
  await expectNothingRan(wb);
});

test('streamed messages in the timeline and the final status show as text and never run', async ({
  wb,
}) => {
  await openHostile(wb, 'Watch');
  await wb.send();
  await expect(wb.status).toContainText('ABORTED');
  await expect(wb.status).toContainText(`${XSS_SCRIPT} ${XSS_IMG}`);
  await expect(wb.receivedCount()).toHaveText('3');
  await expect(wb.timeline).toContainText(XSS_IMG);
  await expect(wb.timeline).toContainText(XSS_SCRIPT);
  await expect(wb.timeline).toContainText(XSS_URL);
  await wb.showResponseMetadata('Headers');
  await expect(
    wb.metadataTable('Headers').getByRole('row', { name: 'x-header-script' }),
  ).toContainText(XSS_SCRIPT);
  await expectNothingRan(wb);
});

test("the page's CSP refuses an inline script and an inline event handler", async ({ wb }) => {
  await wb.skipWelcome();
  const attempt = await wb.tryInlineScript();
  expect(attempt.ran).toEqual([]);
  expect(attempt.violated).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr']));
});

test('the probe itself notices server text parsed as HTML (so its silence above means something)', async ({
  wb,
}) => {
  await wb.skipWelcome();
  await wb.installXssProbe();
  await wb.injectHtmlLikeABug(XSS_IMG);
  await expect.poll(async () => (await wb.xssProbe()).cspViolations).toEqual(['script-src-attr']);
  const probe = await wb.xssProbe();
  expect(probe.htmlInjections).toHaveLength(1);
  // The CSP is the second wall: even the injected handler did not run.
  expect(probe.executions).toBeUndefined();
});
