// Issue 14 §5: Copy as grpcurl leaves a secret as `{{name}}` unless the user ticks "Include
// secrets"; then the engine writes its value in, shell-quoted whatever it holds. The secret never
// shows on the page, and the choice is off again in another tab.
import { test, expect } from './fixtures/workbench.js';
import { AuthPage } from './pages/auth.js';
import { CopyGrpcurlPage, copyGroupAxeFindings } from './pages/copy-grpcurl.js';
import { EnvironmentsPage } from './pages/environments.js';

/** Quotes and `$` that a shell would act on if the command were not quoted right. */
const SECRET = `it's "$HOME" $(id) \`id\``;
/** SECRET inside single quotes as POSIX shells read them: each `'` becomes `'\''`. */
const QUOTED = `it'\\''s "$HOME" $(id) \`id\``;

test('copies the command with a secret as {{token}}, or with its value when asked', async ({
  wb,
  env,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const envs = new EnvironmentsPage(page);
  const auth = new AuthPage(page);
  const copy = new CopyGrpcurlPage(page);
  await wb.connect(env.demoAddress);
  await envs.create('local', [
    { name: 'userId', value: '1' },
    { name: 'token', value: SECRET, secret: true },
  ]);
  await envs.select('local');
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', '{{userId}}');
  await auth.useBearer('{{token}}');

  // Off unless asked: the plain variable resolved, the secret as written.
  await expect(copy.includeSecrets).not.toBeChecked();
  for (const theme of ['light', 'dark'] as const) {
    await wb.chooseTheme(theme);
    expect(await copyGroupAxeFindings(page), theme).toEqual([]);
  }
  expect(await copy.copy({ includeSecrets: false })).toBe(
    `grpcurl -plaintext -H 'authorization: Bearer {{token}}' -d '{"id":"1"}' ${env.demoAddress} example.UserService/GetUser`,
  );

  // Asked: the engine resolves the secret into the header, quoted for a shell.
  expect(await copy.copy({ includeSecrets: true })).toBe(
    `grpcurl -plaintext -H 'authorization: Bearer ${QUOTED}' -d '{"id":"1"}' ${env.demoAddress} example.UserService/GetUser`,
  );
  await expect(copy.toast).toContainText('with its secret values: keep it private');
  // The value went to the clipboard only: not into the page.
  expect(await page.content()).not.toContain('$(id)');

  // The choice was for that one copy: it is unticked, and the next copy has no secret.
  await expect(copy.includeSecrets).not.toBeChecked();
  expect(await copy.copyAsItIs()).toContain('Bearer {{token}}');

  // A variable with no value: nothing is copied, and the toast says which and where.
  await auth.useBearer('{{nope}}');
  await copy.includeSecrets.check();
  await page.evaluate(() => navigator.clipboard.writeText('(before)'));
  await copy.button.click();
  await expect(copy.toast).toContainText(
    'Nothing was copied: unknown variable: {{nope}} in auth.token (environment "local")',
  );
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('(before)');

  await expect(copy.includeSecrets).not.toBeChecked();

  // The clipboard refuses: with secrets nothing is shown on the page, only that nothing was copied.
  await auth.useBearer('{{token}}');
  const prompts: string[] = [];
  page.on('dialog', (dialog) => {
    prompts.push(dialog.defaultValue());
    void dialog.dismiss();
  });
  await copy.refuseClipboard();
  await copy.includeSecrets.check();
  await copy.button.click();
  await expect(copy.toast).toContainText('Nothing was copied: the clipboard refused');
  await expect(copy.includeSecrets).not.toBeChecked();
  expect(prompts).toEqual([]);
  expect(await page.content()).not.toContain('$(id)');
  // Without secrets the command may be shown to copy by hand.
  await copy.button.click();
  await expect.poll(() => prompts).toEqual([expect.stringContaining('Bearer {{token}}')]);

  // Not remembered: another tab starts with the choice off.
  await wb.newTab();
  await wb.openMethod('example.UserService', 'GetUser');
  await expect(copy.includeSecrets).not.toBeChecked();
});
