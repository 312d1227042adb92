import { test, expect } from './fixtures/workbench.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';

test('server stream Tail shows each line in the timeline, then OK', async ({ wb, env, page }) => {
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.LogService', 'Tail');
  await wb.fill('source', 'web');
  await wb.fill('lines', '3');
  await wb.fill('interval_ms', '10');
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await expect(wb.receivedCount()).toHaveText('3');
  for (const n of [1, 2, 3]) await expect(wb.timeline).toContainText(`"text":"web: line ${n}"`);
  await wb.timeline.getByText('"text":"web: line 2"').click();
  await expect(page.getByRole('region', { name: 'Event detail' })).toContainText('"level": "INFO"');
  await docScreenshot(page, 'stream');
});

test('client stream Upload sends several records from the composer and gets the summary', async ({
  wb,
  env,
}) => {
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.BatchService', 'Upload');
  await wb.fill('key', 'a');
  await wb.field('value').selectOption('number');
  await wb.fill('number', '1.5');
  await wb.send();
  await expect(wb.timeline).toContainText('"number":1.5');
  await wb.sendMessage('{"key": "b", "number": 2}');
  await expect(wb.response.getByTestId('count-sent')).toHaveText('2');
  await wb.endStream();
  await expect(wb.status).toContainText('OK');
  await expect(wb.timeline).toContainText('"count":2');
  await expect(wb.timeline).toContainText('"total":3.5');
  await expect(wb.timeline).toContainText('"keys":["a","b"]');
});

test('bidi Chat answers each message sent from the composer', async ({ wb, env, page }) => {
  await wb.connect(env.demoAddress);
  await wb.startChat('Ada', 'hi');
  await wb.sendMessage('{"sender": "Grace", "content": "hello"}');
  await expect(wb.timeline).toContainText('Hello, Grace!');
  await docScreenshot(page, 'bidi');
  await wb.endStream();
  await expect(wb.status).toContainText('OK');
});

test('Cancel stops a running server stream with CANCELLED', async ({ wb, env }) => {
  await wb.connect(env.demoAddress);
  await wb.startTail(0, 20);
  await expect(wb.timeline).toContainText('line 2');
  await wb.response.getByRole('button', { name: 'Cancel' }).click();
  await expect(wb.status).toContainText('CANCELLED');
});

test('a client stream with three prepared messages sends all three in order', async ({
  wb,
  env,
  page,
}) => {
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.BatchService', 'Upload');
  const records: [string, string][] = [
    ['a', '1.5'],
    ['b', '2'],
    ['c', '3'],
  ];
  for (const [i, [key, number]] of records.entries()) {
    if (i > 0) await wb.addMessage();
    await expect(wb.request.getByRole('heading', { name: `Message ${i + 1}` })).toBeVisible();
    await wb.fill('key', key);
    await wb.field('value').selectOption('number');
    await wb.fill('number', number);
  }
  // Each row keeps its own message; picking one shows it again.
  await wb.pickMessage(2);
  await expect(wb.field('key')).toHaveValue('b');
  await expect(wb.messageList.getByRole('listitem')).toHaveCount(3);
  await docScreenshot(page, 'message-list');
  await wb.send();
  await expect(wb.response.getByTestId('count-sent')).toHaveText('3');
  // The stream stays open for the composer until End stream.
  await expect(wb.composer).toBeEnabled();
  await wb.endStream();
  await expect(wb.status).toContainText('OK');
  await expect(wb.timeline).toContainText('"count":3');
  await expect(wb.timeline).toContainText('"keys":["a","b","c"]');
  await expect(wb.timeline).toContainText('"total":6.5');
});
