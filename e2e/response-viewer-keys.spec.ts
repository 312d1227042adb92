// A read-only JSON viewer is read by keyboard too: at 900 px an event's message is wider than the
// event detail, and once Tab has reached it, End, Home and the arrows scroll it sideways (not
// editable, it has no cursor for them to move, and the browser does not scroll it by itself).
import { test, expect } from './fixtures/workbench.js';
import { TimelinePage } from './pages/timeline.js';

test.use({ viewport: { width: 900, height: 700 } });

test("at 900 px an event's long line is read to its end by keyboard: End, Home, the arrows", async ({
  wb,
  env,
  page,
}) => {
  const timeline = new TimelinePage(wb);
  await wb.connect(env.demoAddress);
  await wb.tailToEnd(3, 1);
  await timeline.rows.filter({ hasText: '"seq":"2"' }).click();
  await expect(timeline.detailHeading).toHaveText('2nd message received');
  // Tab reaches the message from the detail's last button.
  await timeline.detail.getByRole('button', { name: 'Close', exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(timeline.detailJson).toBeFocused();
  const { max } = await timeline.detailSideways();
  expect(max, 'the message is wider than the detail').toBeGreaterThan(0);

  await page.keyboard.press('End');
  await expect.poll(async () => (await timeline.detailSideways()).left).toBe(max);
  await page.keyboard.press('Home');
  await expect.poll(async () => (await timeline.detailSideways()).left).toBe(0);
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await timeline.detailSideways()).left).toBeGreaterThan(0);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await timeline.detailSideways()).left).toBe(0);
});
