// Tests on a request (issue 15 §1, §2): an assertion that fails shows why and the value it saw, an
// expression the engine refuses at save is shown at its field with its position and takes focus,
// and a captured value is listed (a secret one masked) with Clear.
import { test, expect } from './fixtures/workbench.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';
import { ChecksPage } from './pages/checks.js';
import { CollectionsPanel } from './pages/collections.js';

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
  await checks.addCapture('userId', 'response.id');
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
  await expect(region.getByRole('row', { name: /userId/ })).not.toContainText('42');
  await expect(region.getByRole('row', { name: /userId/ })).toContainText('••••••');
  await region.getByRole('button', { name: 'Clear' }).click();
  await expect(region).toContainText('None yet');
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
