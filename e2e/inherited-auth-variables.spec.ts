// Issue 14 §5 and §1: the unknown-variables note asks the engine the question Send asks, so the
// bearer `{{token}}` a saved request inherits from its collection (folder.json), with no such
// variable anywhere, is named before sending, and Send is refused in the same words.
import { test, expect } from './fixtures/workbench.js';
import { AuthPage } from './pages/auth.js';
import { CollectionsPanel } from './pages/collections.js';
import { EnvironmentsPage } from './pages/environments.js';
import { HistoryPanel } from './pages/history.js';

test('a folder’s inherited {{token}} with no value shows the note, and Send is refused alike', async ({
  wb,
  env,
  page,
}) => {
  const auth = new AuthPage(page);
  const envs = new EnvironmentsPage(page);
  const collections = new CollectionsPanel(page);
  await collections.show();
  await wb.connect(env.demoAddress);
  await envs.create('staging', [{ name: 'userId', value: '1' }]);
  await envs.select('staging');
  await wb.openMethod('example.UserService', 'GetUser');
  // The draft itself holds no `{{…}}` at all: the variable is only in the inherited auth.
  await wb.fill('id', '1');
  await collections.saveAs('Get', 'Guarded', { newCollection: true });
  await expect(auth.type).toHaveValue('inherit');
  await expect(envs.unknownNote).toBeHidden();

  await auth.setFolderBearer('Guarded', '{{token}}');
  const where = '{{token}} in auth of folder "Guarded".token';
  await expect(envs.unknownNote).toContainText(where);

  await wb.send();
  const alert = wb.request.getByRole('alert');
  await expect(alert).toContainText(where);
  await expect(alert).toContainText('staging');
  const history = new HistoryPanel(page);
  await history.show();
  await expect(history.region).toContainText('Calls you make show up here');

  // Given a value, the note goes and the call is sent.
  await envs.create('with-token', [
    { name: 'userId', value: '1' },
    { name: 'token', value: 't' },
  ]);
  await envs.select('with-token');
  await expect(envs.unknownNote).toBeHidden();
  await wb.send();
  await expect(wb.status).toContainText('OK');
});
