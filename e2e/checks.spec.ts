// Tests on a request (issue 15 §1, §2): an assertion that fails shows why and the value it saw, an
// expression the engine refuses at save is shown at its field with its position and takes focus,
// and a captured value is listed (a secret one masked) with Clear.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures/workbench.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';
import { ChecksPage } from './pages/checks.js';
import { CollectionsPanel } from './pages/collections.js';

const SECRET_SUFFIX = '-k9';
const SECRET = `Douglas Adams${SECRET_SUFFIX}`;

function readSession(dataDir: string): string {
  const file = join(dataDir, 'session.json');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

test('an assertion that fails shows the failure with the value it saw', async ({
  wb,
  env,
  page,
}) => {
  const checks = new ChecksPage(page);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', '42');
  await checks.addAssertion('status.code == 0');
  await checks.addAssertion('response.age > 50');
  await checks.addCapture('userName', 'response.name');
  // The secret is a value shown nowhere else, so any place it leaks to is found.
  await checks.addCapture('userKey', `response.name + "${SECRET_SUFFIX}"`);
  await checks.captureSecret(2).check();
  await wb.send();
  await checks.showResults();
  await expect(
    page.getByRole('tablist', { name: 'Response views' }).getByRole('tab', { name: 'Tests 1/2' }),
  ).toBeVisible();
  const failed = checks.results.getByRole('listitem').filter({ hasText: 'response.age > 50' });
  await expect(failed).toContainText('✗ Failed');
  await expect(checks.seen('response.age')).toHaveText('49');
  await expect(
    checks.results.getByRole('listitem').filter({ hasText: 'status.code == 0' }),
  ).toContainText('✓ Passed');
  const captured = page.getByRole('definition').filter({ hasText: 'Douglas Adams' });
  await expect(captured).toBeVisible();

  // The session's captured values: the secret one masked, then cleared.
  const region = await checks.openCaptured();
  await expect(region.getByRole('row', { name: /userName/ })).toContainText('Douglas Adams');
  const secretRow = region.getByRole('row', { name: /userKey/ });
  await expect(secretRow).toContainText('••••••');
  // Read as words, not as six bullets (the mask itself is hidden from readers).
  await expect(secretRow).toContainText('secret, hidden');
  await expect(checks.capturedInResults('userKey')).toContainText('secret, hidden');
  expect(await page.content()).not.toContain(SECRET);
  // The session file holds the draft (with the expression) and never the value.
  await expect.poll(() => readSession(env.dataDir), { timeout: 10_000 }).toContain(SECRET_SUFFIX);
  expect(readSession(env.dataDir)).not.toContain(SECRET);
  await region.getByRole('button', { name: 'Clear' }).click();
  await expect(region).toContainText('None yet');
});

test('the Tests view stays chosen across Sends and says the call is running until it ends', async ({
  wb,
  env,
  page,
}) => {
  const checks = new ChecksPage(page);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.ChatService', 'Chat');
  await wb.fill('sender', 'Ada');
  await wb.fill('content', 'hi');
  await checks.addAssertion('status.code == 0');
  await wb.send();
  await expect(wb.timeline).toContainText('Hello, Ada!');
  await wb.endStream();
  await checks.showResults();
  await expect(checks.resultsTab).toHaveText('Tests 1/1');
  await expect(checks.results).toBeVisible();

  // The next call has no results until it ends: the Tests view says so, the timeline is a tab away.
  await wb.send();
  await expect(checks.resultsTab).toHaveAttribute('aria-selected', 'true');
  await expect(checks.running).toBeVisible();
  await checks.responseView('Timeline').click();
  await expect(wb.timeline).toContainText('Hello, Ada!');
  await checks.resultsTab.click();
  await expect(checks.running).toBeVisible();
  await wb.request.getByRole('button', { name: 'End stream', exact: true }).click();
  await expect(checks.resultsTab).toHaveText('Tests 1/1');
  await expect(checks.results).toBeVisible();
});

test('the captured values take focus when opened and give it back on Escape', async ({
  wb,
  page,
}) => {
  const checks = new ChecksPage(page);
  await expect(wb.request).toBeVisible();
  await checks.capturedButton.focus();
  await page.keyboard.press('Enter');
  const region = checks.capturedRegion;
  await expect(region).toBeFocused();
  await expect(checks.capturedButton).toHaveAttribute(
    'aria-controls',
    (await region.getAttribute('id')) ?? 'no id',
  );
  await page.keyboard.press('Escape');
  await expect(region).toBeHidden();
  await expect(checks.capturedButton).toBeFocused();
  await expect(checks.capturedButton).toHaveAttribute('aria-expanded', 'false');
});

test('an expression refused at save is shown at its field with its position, and focused', async ({
  wb,
  env,
  page,
}) => {
  const checks = new ChecksPage(page);
  const collections = new CollectionsPanel(page);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', '1');
  await checks.addAssertion('status.code == 0');
  await checks.addAssertion('response.name == ');
  await collections.show();
  await page.getByRole('button', { name: 'Save as', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Refused');
  await dialog
    .getByRole('combobox', { name: 'Collection or folder' })
    .selectOption({ label: 'New collection…' });
  await dialog.getByRole('textbox', { name: 'New collection name' }).fill('Users');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  const problem = checks.problemOf('Assertion 2 expression');
  await expect(problem).toContainText(/Assertion 2 expression at 1:\d+: /);
  await expect(checks.assertionExpression(2)).toBeFocused();
  await expect(checks.assertionExpression(2)).toHaveAttribute('aria-invalid', 'true');
  await expect(checks.assertionExpression(2)).toHaveAccessibleDescription(
    /Assertion 2 expression at 1:\d+: /,
  );
  await expect(checks.problemOf('Assertion 1 expression')).toHaveCount(0);
  await expect(dialog).toBeHidden();
  // Fixed, the mark goes.
  await checks.assertionExpression(2).fill('response.name == "Ada Lovelace"');
  await expect(problem).toHaveCount(0);
});

for (const theme of ['light', 'dark'] as const)
  test(`the Tests section at 1440×900 (${theme})`, async ({ wb, env, page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const checks = new ChecksPage(page);
    await wb.connect(env.demoAddress);
    await wb.chooseTheme(theme);
    await wb.openMethod('example.UserService', 'GetUser');
    await wb.fill('id', '42');
    await checks.addAssertion('status.code == 0');
    await checks.addAssertion('response.age > 50');
    await checks.addCapture('token', 'response.id');
    await wb.send();
    await checks.showResults();
    await expect(checks.results).toBeVisible();
    await checks.section.scrollIntoViewIfNeeded();
    await docScreenshot(page, `tests-section-${theme}`);
  });
