// Recordings at full size (issue 14, part 7): find searches the whole 100k-event recording in the
// engine and steps through its hits, each shown in the timeline; a replay's diff shows each
// differing message side by side with the differing paths marked, a page at a time.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures/workbench.js';
import { FullSizeRecordings } from './pages/recordings-full-size.js';
import { axeViolations } from './pages/accessibility.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';
import {
  NEEDLE_CHAT_TURNS,
  needleAnswer,
  writeNeedleChat,
} from '../main/recording/testdata/needle-chat.js';

/** Hits of a query as the engine counts them: each event whose data holds it, case ignored. */
function expectedHits(query: string): number {
  const q = query.toLowerCase();
  let n = 0;
  for (let i = 0; i < NEEDLE_CHAT_TURNS; i++) {
    if (`u${i}`.includes(q) || 'hi'.includes(q)) n++;
    if (needleAnswer(i).toLowerCase().includes(q) || 'bot'.includes(q)) n++;
  }
  // The request metadata (x-trace: trace-needle-1) and the status (no more needles).
  if ('trace-needle-1'.includes(q) || 'x-trace'.includes(q)) n++;
  if ('no more needles'.includes(q)) n++;
  return n;
}

test('find counts the whole 100k-event recording and steps through its hits in the timeline', async ({
  wb,
  env,
  page,
}) => {
  const folder = join(env.dataDir, 'recordings', 'example.ChatService', 'Chat');
  mkdirSync(folder, { recursive: true });
  await writeNeedleChat(join(folder, 'needles.ndjson'));
  const rec = new FullSizeRecordings(page);
  await wb.skipWelcome();
  await rec.show();
  await rec.showAll();
  await rec.open();

  const total = expectedHits('needle');
  await rec.find('needle');
  await expect(rec.findCount).toHaveText(`1 of ${total}`);
  await expect(rec.findPlace).toHaveText('started · metadata.x-trace');
  await rec.step('next');
  await expect(rec.findCount).toHaveText(`2 of ${total}`);
  await expect(rec.findPlace).toHaveText('received message 1 · content');
  await expect(rec.eventDetail).toContainText('Needle \\"n0\\"');
  // Back past the first: the last hit, the status at the very end of the file, read in its window.
  await rec.step('previous');
  await rec.step('previous');
  await expect(rec.findCount).toHaveText(`${total} of ${total}`);
  await expect(rec.findPlace).toHaveText('status · status.message');
  await expect(rec.timeline).toContainText('no more needles');
  await expect(rec.eventDetail).toContainText('no more needles');
  await rec.clickStep('previous');
  const last = Math.floor((NEEDLE_CHAT_TURNS - 1) / 997) * 997;
  await expect(rec.findPlace).toHaveText(
    `received message ${(last + 1).toLocaleString('en-US')} · content`,
  );
  await expect(rec.eventDetail).toContainText(`n${last}`);
  await expect(rec.timeline).toContainText(`Needle \\"n${last}\\"`);

  // A new query while one runs: the count shown is always the newest query's.
  await rec.findBox.fill('hello');
  await rec.findBox.fill('u1');
  await rec.findBox.press('Enter');
  await expect(rec.findCount).toHaveText(`1 of ${expectedHits('u1').toLocaleString('en-US')}`);
  await rec.find('zzz-nothing');
  await expect(rec.findCount).toHaveText('No matches in the recording');
  for (const theme of ['light', 'dark'] as const) {
    await wb.chooseTheme(theme);
    expect(await axeViolations(page)).toEqual([]);
  }
});

test('a replay diff shows each differing message side by side with its differing paths marked', async ({
  wb,
  env,
  page,
}) => {
  const rec = new FullSizeRecordings(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await wb.connect(env.demoAddress);
  await rec.show();
  await wb.openMethod('example.LogService', 'Tail');
  await wb.fill('lines', '25');
  await wb.fill('interval_ms', '2');
  // Two recordings of the same call with other text; the replay of one goes to a mock of the other.
  for (const source of ['recorded', 'mocked']) {
    await wb.fill('source', source);
    await wb.send();
    await expect(wb.status).toContainText('OK');
  }
  await expect(rec.entries).toHaveCount(2);
  await rec.open(0); // newest first: "mocked"
  const port = await rec.serveAsMock();
  await rec.close();
  await wb.loadByReflection(`127.0.0.1:${port}`);
  await rec.open(1);
  await rec.replay('max');

  await expect(rec.diff).toContainText('Server messages: 0 matching, 25 differing');
  await expect(rec.differingMessages).toContainText('Differing messages 1–20 of 25');
  const first = rec.message('Server message 1: differs');
  await expect(rec.pathsOf(first)).toHaveText([
    /^at: "[^"]+" → "[^"]+"$/,
    /^text: "recorded: line 1" → "mocked: line 1"$/,
    /^fields\.source: "recorded" → "mocked"$/,
  ]);
  await expect(rec.marked(rec.side(first, 'Recorded'))).toContainText([
    /"text": "recorded: line 1",/,
    /"source": "recorded"/,
  ]);
  await expect(rec.marked(rec.side(first, 'Replayed'))).toContainText([
    /"text": "mocked: line 1",/,
    /"source": "mocked"/,
  ]);
  // The unchanged field is shown, not marked.
  await expect(rec.side(first, 'Recorded')).toContainText('"seq": "1"');
  await rec.message('Server message 1: differs').scrollIntoViewIfNeeded();
  for (const theme of ['light', 'dark'] as const) {
    await wb.chooseTheme(theme);
    await docScreenshot(page, `screenshots/recording-diff-${theme}`);
    expect(await axeViolations(page)).toEqual([]);
  }

  // The next page, reached from the keyboard.
  const next = rec.differingMessages.getByRole('button', { name: 'Next differences' });
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(rec.differingMessages).toContainText('Differing messages 21–25 of 25');
  await expect(rec.message('Server message 25: differs')).toBeVisible();
  await rec.pageDifferences('previous');
  await expect(rec.differingMessages).toContainText('Differing messages 1–20 of 25');

  // Ignore paths are respected: with `at` ignored only `text` is marked.
  await rec.compareAgain('at');
  await expect(rec.pathsOf(first)).toHaveText([/^text: /, /^fields\.source: /]);
  await expect(rec.marked(rec.side(first, 'Replayed')).filter({ hasText: '"at"' })).toHaveCount(0);
  await rec.compareAgain('at, text, fields.source');
  await expect(rec.diff).toContainText('Identical');
  await expect(rec.differingMessages).toBeHidden();
});
