// Streams the user composes (issue 14, part 3): the prepared messages as an editable list, the
// composer of an open stream in the same schema-aware editor, buttons that say what they do, a
// question before a running call is replaced, and a timeline whose rows, headers and detail work.
import { test, expect } from './fixtures/workbench.js';
import { StreamComposerPage } from './pages/stream-composer.js';
import { axeViolations } from './pages/accessibility.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';

/** axe's known findings elsewhere in the page (see accessibility.spec.ts); none may be ours. */
const KNOWN_ELSEWHERE = [
  'aria-required-children',
  'nested-interactive',
  'label-content-name-mismatch',
];

test('the first visible row of a filtered timeline opens its detail', async ({ wb, env }) => {
  const sc = new StreamComposerPage(wb);
  await wb.connect(env.demoAddress);
  await wb.startChat('Ada', 'hi');
  await sc.filterTimeline('Hello');
  await expect(sc.rows.filter({ visible: true })).toHaveCount(1);
  // A bound, not a wait: a covered row never becomes clickable, and the click says what covers it
  // (as long as an expect's, so a slow frame on a loaded machine is not taken for a cover).
  await sc.rows.filter({ hasText: 'Hello, Ada!' }).click({ timeout: 15_000 });
  await expect(sc.detail).toContainText('Hello, Ada!');
});

for (const theme of ['light', 'dark'] as const) {
  test(`a bidi stream with prepared messages and the open composer (${theme})`, async ({
    wb,
    env,
    page,
  }) => {
    const sc = new StreamComposerPage(wb);
    await page.setViewportSize({ width: 1280, height: 800 });
    await wb.connect(env.demoAddress);
    await wb.chooseTheme(theme);
    await wb.openMethod('example.ChatService', 'Chat');
    await wb.fill('sender', 'Ada');
    await wb.fill('content', 'hi');
    await sc.messageButton(1, 'Duplicate').click();
    await wb.fill('content', 'how are you?');
    await wb.addMessage();
    await wb.fill('sender', 'Grace');
    await wb.fill('content', 'hello');
    await expect(sc.messageRows).toHaveCount(3);
    await wb.send();
    await expect(wb.timeline).toContainText('Hello, Grace!');
    await expect(sc.composer).toBeVisible();
    await sc.rows.filter({ hasText: 'Hello, Grace!' }).click();
    await sc.expectDetailFor('3rd message received');
    await expect(wb.request.getByRole('button', { name: 'Send', exact: true })).toHaveCount(0);

    // axe over the composer, the list and the detail: nothing new anywhere, nothing of ours at all.
    const found = await axeViolations(page);
    expect(found.map((v) => v.id).filter((id) => !KNOWN_ELSEWHERE.includes(id))).toEqual([]);
    expect(await sc.violationsInside(found)).toEqual([]);
    await docScreenshot(page, `screenshots/bidi-composer-${theme}`);
  });
}

test('the prepared messages are a list: add, duplicate, reorder by button and keyboard, remove', async ({
  wb,
  env,
}) => {
  const sc = new StreamComposerPage(wb);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.BatchService', 'Upload');
  await wb.fill('key', 'a');
  await wb.addMessage();
  await expect(wb.request.getByRole('heading', { name: 'Message 2' })).toBeVisible();
  await wb.fill('key', 'b');
  // A duplicate comes right after its original and is edited in the same form.
  await sc.messageButton(1, 'Duplicate').click();
  await expect(wb.request.getByRole('heading', { name: 'Message 2' })).toBeVisible();
  await expect(wb.field('key')).toHaveValue('a');
  await wb.fill('key', 'a2');
  await expect.poll(() => sc.keysInOrder()).toEqual(['a', 'a2', 'b']);
  // Buttons move a message; focus follows it, so pressing again moves it further.
  await sc.messageButton(3, 'Move', 'up').click();
  await expect.poll(() => sc.keysInOrder()).toEqual(['a', 'b', 'a2']);
  await expect(sc.messageButton(2, 'Move', 'up')).toBeFocused();
  await wb.page.keyboard.press('Enter');
  await expect.poll(() => sc.keysInOrder()).toEqual(['b', 'a', 'a2']);
  // Alt+↓ on a message moves it down, keyboard only.
  await sc.pickButton(1).focus();
  await wb.page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => sc.keysInOrder()).toEqual(['a', 'b', 'a2']);
  await expect(sc.pickButton(2)).toBeFocused();
  // Dragged onto the first row, the third message goes first.
  await sc.dragMessage(3, 1);
  await expect.poll(() => sc.keysInOrder()).toEqual(['a2', 'a', 'b']);
  await sc.messageButton(2, 'Remove').click();
  await expect.poll(() => sc.keysInOrder()).toEqual(['a2', 'b']);
  // Sent in the order shown.
  await wb.send();
  await expect(wb.response.getByTestId('count-sent')).toHaveText('2');
  await sc.headButton('End stream').click();
  await expect(wb.status).toContainText('OK');
  await expect(wb.timeline).toContainText('"keys":["a2","b"]');
});

test('the composer is the schema-aware editor: form, completion, a refused field said beside it until the call ends', async ({
  wb,
  env,
}) => {
  const sc = new StreamComposerPage(wb);
  await wb.connect(env.demoAddress);
  await wb.startChat('Ada');
  // The form, as for a unary body.
  await sc.composerView('Form');
  await sc.composerField('sender').fill('Grace');
  await sc.composerAction('Send message').click();
  await expect(wb.timeline).toContainText('Hello, Grace!');
  // Completion of field names from the schema.
  await sc.typeComposerJson('{"');
  await wb.page.keyboard.press('Control+Space');
  await expect(
    wb.page.getByRole('listbox', { name: 'Completions' }).getByRole('option', { name: /content/ }),
  ).toBeVisible();
  await wb.page.keyboard.press('Escape');
  // A value the schema refuses is not sent; the composer says which field, right beside it.
  await sc.typeComposerJson('{"sender": 5}');
  await sc.composerAction('Send message').click();
  await expect(sc.composerError).toHaveText('sender: expected a string');
  // …and the editor marks the value itself, as in the request's JSON editor.
  await expect(sc.composerMarks).toHaveText('5');
  await expect(wb.response.getByTestId('count-sent')).toHaveText('2');
  await expect(wb.request.getByRole('alert')).toHaveCount(0);
  // Fixed and sent, the error goes.
  await sc.typeComposerJson('{"sender": "Linus"}');
  await wb.page.keyboard.press('Control+Enter');
  await expect(wb.timeline).toContainText('Hello, Linus!');
  await expect(sc.composerError).toHaveCount(0);
  // An error stays until the call ends, then goes with it.
  await sc.typeComposerJson('{"sender": true}');
  await sc.composerAction('Send message').click();
  await expect(sc.composerError).toBeVisible();
  await sc.composerAction('Cancel').click();
  await expect(wb.status).toContainText('CANCELLED');
  await expect(sc.composerError).toHaveCount(0);
});

test('buttons say what they do on an open stream', async ({ wb, env }) => {
  const sc = new StreamComposerPage(wb);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.ChatService', 'Chat');
  await wb.fill('sender', 'Ada');
  await expect(sc.headButton('Send message')).toHaveCount(0);
  await expect(sc.headButton('Cancel')).toHaveCount(0);
  await sc.headButton('Send').click();
  await expect(wb.timeline).toContainText('Hello, Ada!');
  // Open: Send became "Send message" (the composer's), with End stream and Cancel beside it.
  await expect(sc.headButton('Send')).toHaveCount(0);
  await sc.typeComposerJson('{"sender": "Grace"}');
  await sc.headButton('Send message').click();
  await expect(wb.timeline).toContainText('Hello, Grace!');
  await sc.headButton('End stream').click();
  await expect(wb.status).toContainText('OK');
  // Ended: Send again, nothing else.
  await expect(sc.headButton('Send')).toBeVisible();
  await expect(sc.headButton('Send message')).toHaveCount(0);
  await expect(sc.headButton('End stream')).toHaveCount(0);
  await expect(sc.headButton('Cancel')).toHaveCount(0);
});

test('a new call while one runs asks first, in a dialog that takes and keeps focus; never a silent cancel', async ({
  wb,
  env,
}) => {
  const sc = new StreamComposerPage(wb);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.LogService', 'Tail');
  await wb.fill('source', 'first');
  await wb.fill('lines', '0');
  await wb.fill('interval_ms', '20');
  await wb.send();
  await expect(wb.timeline).toContainText('first: line 2');
  await wb.fill('source', 'second');
  await sc.headButton('Send').click();
  await expect(sc.newCallDialog).toBeVisible();
  await expect(sc.newCallDialog.getByRole('button', { name: 'Keep it running' })).toBeFocused();
  // Tab stays inside the dialog.
  for (let i = 0; i < 3; i++) {
    await wb.page.keyboard.press('Tab');
    await expect(sc.newCallDialog.locator(':focus')).toHaveCount(1);
  }
  await wb.page.keyboard.press('Escape');
  await expect(sc.newCallDialog).toHaveCount(0);
  // Still the first call, still running.
  const before = Number(await wb.receivedCount().textContent());
  await expect
    .poll(async () => Number(await wb.receivedCount().textContent()))
    .toBeGreaterThan(before);
  await expect(wb.status).not.toContainText('CANCELLED');
  // Ctrl+Enter asks too; agreeing stops the first call and starts the second.
  await wb.field('source').focus();
  await wb.page.keyboard.press('Control+Enter');
  await sc.newCallDialog.getByRole('button', { name: 'Stop it and send' }).click();
  await expect(sc.newCallDialog).toHaveCount(0);
  await expect(wb.timeline).toContainText('second: line 1');
  await expect(wb.timeline).not.toContainText('first: line');
  await sc.headButton('Cancel').click();
  await expect(wb.status).toContainText('CANCELLED');
});

test('the detail names a message by its number in its direction, colours its JSON and copies it', async ({
  wb,
  env,
  page,
  context,
}) => {
  const sc = new StreamComposerPage(wb);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.ChatService', 'Chat');
  await wb.fill('sender', 'Ada');
  await sc.messageButton(1, 'Duplicate').click();
  await wb.fill('sender', 'Grace');
  await wb.send();
  await expect(wb.timeline).toContainText('Hello, Grace!');
  await sc.rows.filter({ hasText: 'Hello, Grace!' }).click();
  await sc.expectDetailFor('2nd message received');
  await sc.rows.filter({ hasText: '"sender":"Ada"' }).click();
  await sc.expectDetailFor('1st message sent');
  await sc.rows.filter({ hasText: '"sender":"Grace"' }).first().click();
  await sc.expectDetailFor('2nd message sent');
  // Highlighted: the string value is coloured apart from the plain text around it.
  expect(await sc.detailColours('"Grace"')).toMatchObject({ same: false });
  await sc.detail.getByRole('button', { name: 'Copy' }).click();
  await expect(sc.detail).toContainText('Copied');
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual({
    sender: 'Grace',
  });
});
