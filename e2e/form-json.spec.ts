import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures/workbench.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';

const kindsProto = fileURLToPath(new URL('./fixtures/kinds.proto', import.meta.url));

test.beforeEach(async ({ wb }) => {
  await wb.skipWelcome();
  await wb.loadProtoFiles([kindsProto]);
  await wb.openMethod('kinds.KindService', 'Echo');
});

test('every field kind typed in the form lands in the JSON', async ({ wb, page }) => {
  await wb.fill('title', 'hello');
  await wb.fill('count', '42');
  await wb.fill('big_id', '9007199254740993');
  await wb.fill('ratio', '0.25');
  await wb.field('flag').check();
  await wb.request.getByLabel('payload file').setInputFiles({
    name: 'hi.bin',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('hi'),
  });
  await expect(wb.field('payload')).toHaveValue('aGk=');
  await wb.field('color').selectOption('GREEN');
  await wb.fill('label', 'in');
  await wb.request.getByRole('button', { name: 'Add tags' }).click();
  await wb.fill('tags[0]', 'x');
  await wb.request.getByRole('button', { name: 'Add tags' }).click();
  await wb.fill('tags[1]', 'y');
  await wb.request.getByRole('button', { name: 'Move tags[1] up' }).click();
  await wb.request.getByRole('button', { name: 'Add labels entry' }).click();
  await wb.fill('labels value 1', 'v');
  await wb.field('choice').selectOption('number');
  await wb.fill('number', '2.5');
  await wb.field('maybe is set').check();
  await wb.fill('maybe', '0');
  await wb.fill('wait', '1.5s');
  await wb.field('nick is null').uncheck();
  await wb.fill('nick', 'N');
  await wb.fill('extra', '{"k": [1, true]}');
  await wb.field('detail').selectOption('kinds.Inner');
  await wb.request.getByLabel('score', { exact: true }).last().fill('7');
  await wb.request.getByRole('button', { name: 'Now' }).click();
  await wb.request.getByText('title', { exact: true }).scrollIntoViewIfNeeded();
  await docScreenshot(page, 'form');

  await wb.showJson();
  const json = JSON.parse(await wb.requestJsonText()) as Record<string, unknown>;
  expect(json).toMatchObject({
    title: 'hello',
    count: 42,
    bigId: '9007199254740993',
    ratio: 0.25,
    flag: true,
    payload: 'aGk=',
    color: 'GREEN',
    inner: { label: 'in' },
    tags: ['y', 'x'],
    labels: { key: 'v' },
    number: 2.5,
    maybe: 0,
    wait: '1.5s',
    nick: 'N',
    extra: { k: [1, true] },
    detail: { '@type': 'type.googleapis.com/kinds.Inner', score: '7' },
  });
  expect(json).not.toHaveProperty('text');
  expect(String(json.at)).toMatch(/^\d{4}-\d\d-\d\dT/);
});

test('JSON typed in the editor shows in the form, and bad values are marked', async ({ wb }) => {
  await wb.showJson();
  await wb.setJson(
    '{"title": "from json", "bigId": "18446744073709551615", "color": "RED", "tags": ["a", "b"], "text": "t", "inner": {"score": "5"}}',
  );
  await wb.showForm();
  await expect(wb.field('title')).toHaveValue('from json');
  await expect(wb.field('big_id')).toHaveValue('18446744073709551615');
  await expect(wb.field('color')).toHaveValue('RED');
  await expect(wb.field('tags[1]')).toHaveValue('b');
  await expect(wb.field('choice')).toHaveValue('text');
  await expect(wb.field('text')).toHaveValue('t');
  await expect(wb.field('score')).toHaveValue('5');

  await wb.fill('count', '99999999999');
  await expect(wb.request.getByText('out of range for int32')).toBeVisible();
  await wb.showJson();
  await wb.setJson('{"count": "x", "nope": 1}');
  await expect(wb.request.locator('.cm-lintRange-error').first()).toBeVisible();
  await wb.request.getByRole('button', { name: 'Example' }).click();
  await expect(wb.jsonEditor).toContainText('"bigId"');
});

test('the JSON editor completes field names and enum values from the schema', async ({
  wb,
  page,
}) => {
  await wb.showJson();
  await wb.setJson('{"inner": {"sc');
  await page.getByRole('option', { name: /"score"/ }).click();
  await expect(wb.jsonEditor).toContainText('"score":');
  await page.keyboard.insertText('"1"}, "color": "G');
  await page.keyboard.press('Control+Space');
  await page.getByRole('option', { name: /"GREEN"/ }).click();
  await page.keyboard.insertText('}');
  expect(JSON.parse(await wb.requestJsonText())).toEqual({ inner: { score: '1' }, color: 'GREEN' });
});

test('completion opens while typing, with or without the opening quote, and fits auto-closed brackets', async ({
  wb,
  page,
}) => {
  await wb.showJson();
  await wb.setJson('{');
  await page.keyboard.type('col');
  await page.getByRole('option', { name: /"color"/ }).click();
  await page.keyboard.type('G');
  await page.getByRole('option', { name: /"GREEN"/ }).click();
  await page.keyboard.type(', "inner": {"sc');
  await page.getByRole('option', { name: /"score"/ }).click();
  await page.keyboard.type('"2"');
  expect(JSON.parse(await wb.requestJsonText())).toEqual({ color: 'GREEN', inner: { score: '2' } });
});
