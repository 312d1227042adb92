import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { test, expect } from './fixtures/workbench.js';
import { CollectionsPanel } from './pages/collections.js';
import { EnvironmentsPage } from './pages/environments.js';
import { HistoryPanel } from './pages/history.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test('variables and a secret are substituted; the secret is never shown again nor written to the workspace', async ({
  wb,
  env,
  page,
}) => {
  const secret = `SENTINEL-${randomUUID()}`;
  const envs = new EnvironmentsPage(page);
  const collections = new CollectionsPanel(page);
  await collections.show();
  await wb.connect(env.demoAddress);
  await envs.create('local', [
    { name: 'userId', value: '1' },
    { name: 'token', value: secret, secret: true },
  ]);
  await envs.select('local');

  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', '{{userId}}');
  await wb.request.getByRole('button', { name: 'Add metadata' }).click();
  await wb.request.getByLabel('Metadata key 1').fill('x-echo-token');
  await wb.request.getByLabel('Metadata value 1').fill('{{token}}');
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await expect(wb.responseJson).toContainText('Ada Lovelace');
  await wb.response.getByRole('tab', { name: /Headers/ }).click();
  // The server echoed the header it received; the engine masks the secret in everything it
  // sends the page (the wire carries the value: main/engine/secret-masking.test.ts).
  const headers = wb.response.getByRole('table', { name: 'Headers' });
  await expect(headers).toContainText('[secret:token]');
  await expect(headers).not.toContainText(secret);
  expect(await page.content()).not.toContain(secret);

  await collections.saveAs('With secret', 'Users', { newCollection: true });
  await expect(collections.item('With secret')).toBeVisible();

  // The editor shows that a secret is stored, never its value.
  await envs.openEditor();
  await expect(envs.valueField(1)).toHaveValue('1');
  await expect(envs.valueField(2)).toHaveValue('');
  await expect(envs.valueField(2)).toHaveAttribute('type', 'password');
  await expect(envs.editor).not.toContainText(secret);
  // The web host keeps the key in a file in its data dir, and says so.
  await expect(envs.editor).toContainText(
    /encrypted with the key in \S*secrets\.key; keep that file private/,
  );
  await envs.editor.getByRole('button', { name: 'Close' }).click();

  const dir = await collections.workspaceDir();
  const files = filesUnder(dir);
  expect(files.some((f) => f.includes('history'))).toBe(true);
  expect(files.some((f) => f.endsWith('With secret.grpc.json'))).toBe(true);
  for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toContain(secret);
});

test('an unknown variable blocks sending with a message naming it and where', async ({
  wb,
  env,
  page,
}) => {
  const envs = new EnvironmentsPage(page);
  const history = new HistoryPanel(page);
  await history.show();
  await wb.connect(env.demoAddress);
  await envs.create('staging', [{ name: 'userId', value: '1' }]);
  await envs.select('staging');
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', '{{nobody}}');
  // Shown before sending…
  await expect(envs.unknownNote).toContainText('{{nobody}} in messages[0].id');
  // …and sending is refused with the same names.
  await wb.send();
  const alert = wb.request.getByRole('alert');
  await expect(alert).toContainText('{{nobody}} in messages[0].id');
  await expect(alert).toContainText('staging');
  // Nothing was sent: no call reached history.
  await expect(history.region).toContainText('Calls you make show up here');

  await envs.select('No environment');
  await wb.fill('id', '{{userId}}');
  await wb.send();
  await expect(alert).toContainText('{{userId}} in messages[0].id');
  await envs.select('staging');
  await expect(envs.unknownNote).toBeHidden();
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await expect(history.entries).toHaveCount(1);
});
