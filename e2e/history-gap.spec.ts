// A history entry of a stream longer than the events history keeps (issue 14, part 4): reopened, its
// timeline says where events are missing and how many, the messages on both sides of the gap keep
// their numbers, and the counts (live, and the summary kept across a reload) are the call's.
import { test, expect } from './fixtures/workbench.js';
import { startFastTailServer, type FastTailServer } from './fixtures/fast-tail-server.js';
import { HistoryPanel } from './pages/history.js';
import { TimelinePage } from './pages/timeline.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';

let fast: FastTailServer;
test.beforeEach(async () => {
  fast = await startFastTailServer();
});
test.afterEach(async () => {
  await fast.close();
});

/** 1st, 2nd, 3rd, 11th, 496th … as the detail heading says it. */
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

test('a reopened 3,000-message stream shows its gap in place, with the numbers around it right', async ({
  wb,
  page,
}) => {
  test.setTimeout(120_000);
  const history = new HistoryPanel(page);
  const tl = new TimelinePage(wb);
  await wb.connect(`127.0.0.1:${fast.port}`);
  await wb.startTail(3000);
  await expect(wb.status).toContainText('OK', { timeout: 60_000 });
  // Live, nothing is missing.
  await expect(tl.gapRow).toHaveCount(0);

  await history.show();
  await expect(history.entries).toHaveCount(1);
  await history.entries.first().click();
  await expect(wb.tabs.getByRole('tab')).toHaveCount(2);
  // Every message the call received is counted, those history did not keep too.
  await expect(wb.receivedCount()).toHaveText('3000');

  // The gap is a row of its own, in the middle, saying how many events are missing.
  await tl.pageDownUntilShown(tl.gapRow);
  await expect(tl.gapRow).toHaveText(
    /[\d,]+ events not kept in history — record the call to keep every event/,
  );
  const missing = Number(
    /([\d,]+) events/.exec((await tl.gapRow.textContent()) ?? '')![1]!.replace(/,/g, ''),
  );
  await docScreenshot(page, 'history-gap');

  // The message before it and the one after it are numbered as in the live call.
  await tl.gapRow.click();
  await tl.press('ArrowUp');
  const before = await tl.activeLineSeq();
  await tl.press('Enter');
  await expect(tl.detailHeading).toHaveText(`${ordinal(before)} message received`);
  await tl.press('ArrowDown', 2);
  const after = await tl.activeLineSeq();
  await tl.press('Enter');
  await expect(tl.detailHeading).toHaveText(`${ordinal(after)} message received`);
  // All the missing events were messages but for none: the numbers jump by exactly them.
  expect(after - before - 1).toBe(missing);

  // Reloaded, the tab keeps the summary of the call: its count is the call's.
  await page.reload();
  await expect(wb.response).toContainText('3000 messages received');
});
