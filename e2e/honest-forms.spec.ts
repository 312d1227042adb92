// Forms that never send what they do not show: a refused value blocks Send with the field marked
// and focused (form and JSON editor alike, each prepared message of a stream too), values from JSON
// that do not fit show as they are, Form ⇄ JSON keeps what was typed, and a deep request stays
// usable at 1280 px in both themes.
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures/workbench.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';
import { FormsPage } from './pages/forms.js';
import { StreamComposerPage } from './pages/stream-composer.js';
import { EnvironmentsPage } from './pages/environments.js';

const LONG_TYPE = 'nested.OrganizationSettingsWithAVeryLongTypeNameThatMustNotPushInputsOffScreen';
const kindsProto = fileURLToPath(new URL('./fixtures/kinds.proto', import.meta.url));
const nestedProto = fileURLToPath(new URL('./fixtures/nested.proto', import.meta.url));

test.describe('a deep request loaded from .proto files', () => {
  test.beforeEach(async ({ wb, page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await wb.skipWelcome();
    await wb.loadProtoFiles([nestedProto]);
  });

  test('a value typed wrong in the form blocks Send, marked and focused', async ({ wb }) => {
    const forms = new FormsPage(wb);
    await wb.openMethod('nested.TeamService', 'Update');
    await forms.field('display_name').fill('Core');
    await forms.field('headcount').fill('-1');
    expect(await forms.problemOf(forms.field('headcount'))).toContain('out of range for uint32');
    await forms.field('display_name').focus();
    await forms.send();
    await expect(forms.sendError).toContainText('Not sent: headcount: out of range for uint32');
    await expect(forms.field('headcount')).toBeFocused();
    // Fixed, it goes: the refusal is gone with the cause.
    await forms.field('headcount').fill('12');
    await expect(forms.field('headcount')).not.toHaveAttribute('aria-invalid', 'true');
  });

  test('a refused value deep in a map of messages opens its way and takes focus', async ({
    wb,
  }) => {
    const forms = new FormsPage(wb);
    await wb.openMethod('nested.TeamService', 'Update');
    await forms.view('JSON');
    await wb.setJson(
      '{"membersByHandle": {"ada": {"name": "Ada", "contact": {"address": {"city": 7}}}}}',
    );
    await forms.view('Form');
    await forms.send();
    await expect(forms.sendError).toContainText(
      'Not sent: membersByHandle.ada.contact.address.city: expected a string',
    );
    await expect(forms.field('city')).toBeFocused();
    await expect(forms.field('city')).toHaveValue('7');
  });

  test('in the JSON editor a blocked Send puts the cursor on the refused value', async ({ wb }) => {
    const forms = new FormsPage(wb);
    await wb.openMethod('nested.TeamService', 'Update');
    await forms.view('JSON');
    await wb.setJson('{"teamId": "t-1", "avatar": "not base64!"}');
    await forms.field('team_id').count(); // nothing in the form view: the JSON view is shown
    await forms.send();
    await expect(forms.sendError).toContainText('Not sent: avatar: expected base64');
    await expect(forms.json).toBeFocused();
    expect(await forms.selectedJsonText()).toBe('"not base64!"');
    await expect(forms.jsonMark('"not base64!"')).toBeVisible();
    expect(await forms.jsonProblem()).toContain('avatar: expected base64');
  });

  test('values from JSON that do not fit show as they are in the form, marked', async ({ wb }) => {
    const forms = new FormsPage(wb);
    await wb.openMethod('nested.TeamService', 'Update');
    await forms.view('JSON');
    const sent = {
      active: 'yes',
      budgetCents: '12a',
      headcount: 4294967296,
      avatar: '@@',
      createdAt: 'yesterday',
      ownerMember: { name: 'Ada', role: 'BOSS' },
      orgChart: 'CEO',
      unknownThing: 1,
    };
    await wb.setJson(JSON.stringify(sent));
    await forms.view('Form');
    const shown: [string, string, string][] = [
      ['active', 'yes', 'expected true or false'],
      ['budget_cents', '12a', 'expected a whole number (int64)'],
      ['headcount', '4294967296', 'out of range for uint32'],
      ['avatar', '@@', 'expected base64'],
      ['created_at (RFC 3339)', 'yesterday', 'expected an RFC 3339 time'],
      ['org_chart', '"CEO"', 'expected an object (OrgNode)'],
    ];
    for (const [name, text, problem] of shown) {
      await expect(forms.field(name)).toHaveValue(text);
      expect(await forms.problemOf(forms.field(name))).toContain(problem);
    }
    await expect(forms.field('role')).toHaveValue('BOSS');
    expect(await forms.problemOf(forms.field('role'))).toContain('BOSS is not a value of Role');
    // Back in JSON, every value is still what was typed, the unknown field too.
    await forms.view('JSON');
    expect(await forms.jsonValue()).toEqual(sent);
  });

  test('Form ⇄ JSON keeps what was typed, refused values included', async ({ wb }) => {
    const forms = new FormsPage(wb);
    await wb.openMethod('nested.TeamService', 'Update');
    await forms.field('budget_cents').fill('12x');
    await forms.field('display_name').fill('Core');
    await forms.view('JSON');
    expect(await forms.jsonValue()).toEqual({ budgetCents: '12x', displayName: 'Core' });
    await forms.view('Form');
    await expect(forms.field('budget_cents')).toHaveValue('12x');
    await expect(forms.field('budget_cents')).toHaveAttribute('aria-invalid', 'true');
  });

  test('a blocked send of a client stream names the message and shows it', async ({ wb }) => {
    const forms = new FormsPage(wb);
    await wb.openMethod('nested.TeamService', 'Import');
    await forms.field('display_name').fill('first');
    await forms.addMessage();
    await forms.field('headcount').fill('many');
    await forms.addMessage();
    await forms.field('display_name').fill('third');
    await forms.send();
    await expect(forms.sendError).toContainText('Message 2: headcount: expected a whole number');
    await expect(forms.messageTitle).toHaveText('Message 2');
    await expect(forms.field('headcount')).toBeFocused();
  });

  test('Example fills realistic values, and the form says where 0 is "not set"', async ({ wb }) => {
    const forms = new FormsPage(wb);
    await wb.openMethod('nested.TeamService', 'Update');
    await forms.example();
    await expect(forms.field('team_id')).toHaveValue('id-1001');
    await expect(forms.field('display_name')).toHaveValue('Ada Lovelace');
    await expect(forms.field('budget_cents')).toHaveValue('42');
    await expect(forms.field('active')).toBeChecked();
    await expect(forms.field('owner')).toHaveValue('owner_member');
    await expect(forms.field('role').first()).toHaveValue('ADMIN');
    await expect(forms.field('email').first()).toHaveValue('ada@example.com');
    await expect(forms.field('members_by_handle key 1')).toHaveValue('primary');
    const createdAt = await forms.field('created_at (RFC 3339)').inputValue();
    expect(Math.abs(Date.now() - Date.parse(createdAt))).toBeLessThan(10 * 60_000);
    await forms.field('headcount').fill('0');
    await expect(forms.presenceHint('headcount')).toBeVisible();
    await forms.field('headcount').fill('3');
    await expect(forms.presenceHint('headcount')).toBeHidden();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`a nested form at 1280 px stays usable (${theme}), no serious axe findings`, async ({
      wb,
      page,
    }) => {
      const forms = new FormsPage(wb);
      await wb.chooseTheme(theme);
      await wb.openMethod('nested.TeamService', 'Update');
      await forms.example();
      await forms.field('age').first().fill('99999999999');
      await forms.open('address', 'nested.Address');
      // Every input, deep ones included, keeps a usable width inside the request pane; the long
      // type name wraps inside it too.
      const pane = (await wb.request.boundingBox())!;
      const inside = async (box: { x: number; width: number } | null): Promise<void> => {
        expect(box!.x + box!.width).toBeLessThanOrEqual(pane.x + pane.width + 1);
      };
      for (const name of ['street', 'city', 'email', 'age', 'review_every', 'headcount']) {
        const box = await forms.field(name).first().boundingBox();
        expect(box!.width).toBeGreaterThanOrEqual(120);
        await inside(box);
      }
      await inside(await forms.summary('settings', LONG_TYPE).boundingBox());
      expect(await forms.problemOf(forms.field('age').first())).toContain('out of range for int32');
      // The picture: the map of messages, the refused value in it, the oneof below.
      await forms.clear('contact');
      await forms.field('members_by_handle key 1').scrollIntoViewIfNeeded();
      await docScreenshot(page, `screenshots/nested-form-${theme}`);
      expect(await forms.axeInForm()).toEqual([]);
    });
  }
});

test('the composer of an open stream: a refused value shows in its form, marked, and takes focus', async ({
  wb,
  env,
}) => {
  const sc = new StreamComposerPage(wb);
  await wb.connect(env.demoAddress);
  await wb.startChat('Ada');
  await sc.typeComposerJson('{"sender": 5, "content": "hi"}');
  await sc.composerView('Form');
  const sender = sc.composerField('sender');
  await expect(sender).toHaveValue('5');
  await expect(sender).toHaveAttribute('aria-invalid', 'true');
  await sc.composerField('content').focus();
  await sc.composerAction('Send message').click();
  await expect(sc.composerError).toHaveText('sender: expected a string');
  await expect(sender).toBeFocused();
});

test('a Struct typed as broken JSON blocks Send rather than sending the last good value', async ({
  wb,
}) => {
  const forms = new FormsPage(wb);
  await wb.skipWelcome();
  await wb.loadProtoFiles([kindsProto]);
  await wb.openMethod('kinds.KindService', 'Echo');
  await forms.field('extra').fill('{"k": 1}');
  await forms.field('extra').fill('{"k": ');
  await forms.field('title').focus();
  await forms.send();
  await expect(forms.sendError).toContainText('Not sent: extra: expected a JSON object');
  await expect(forms.field('extra')).toBeFocused();
  await expect(forms.field('extra')).toHaveValue('{"k": ');
  await forms.view('JSON');
  expect(await forms.jsonValue()).toEqual({ extra: '{"k": ' });
});

test('a {{variable}} in a number field is no refused value: it goes, and the engine substitutes it', async ({
  wb,
  env,
  page,
}) => {
  const forms = new FormsPage(wb);
  const envs = new EnvironmentsPage(page);
  await wb.connect(env.demoAddress);
  await envs.create('local', [{ name: 'n', value: '3' }]);
  await envs.select('local');
  await wb.openMethod('example.LogService', 'Tail');
  await forms.field('lines').fill('{{n}}');
  await forms.field('interval_ms').fill('1');
  // Shown as typed, not marked: it is checked after substitution.
  await expect(forms.field('lines')).toHaveValue('{{n}}');
  await expect(forms.field('lines')).not.toHaveAttribute('aria-invalid', 'true');
  await forms.send();
  await expect(wb.status).toContainText('OK');
  await expect(forms.sendError).toHaveCount(0);
  // The server streamed n = 3 lines: the engine put the environment's value in the int32 field.
  await expect(wb.receivedCount()).toHaveText('3');
});
