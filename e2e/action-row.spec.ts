// The request pane's action row never wraps (issue 14, part 3/4): with a unary call and with an open
// bidi stream ("Send message", "End stream", "Cancel"), at 1024, 1280, 1440 and 1920 px wide, the
// buttons and the deadline share one line and none is cut off at the pane's edge.
import { test, expect } from './fixtures/workbench.js';
import { ActionRowPage, type ActionName } from './pages/action-row.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';

const WIDTHS = [1024, 1280, 1440, 1920] as const;

async function expectOneRow(row: ActionRowPage, names: readonly ActionName[]): Promise<void> {
  const { tops, clipped } = await row.layout(names);
  expect(clipped).toEqual([]);
  // Centres within a couple of px of each other: one line (a wrapped button sits a row lower).
  expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(3);
}

test('the action row stays on one line at every width, unary and with an open stream', async ({
  wb,
  env,
  page,
}) => {
  const row = new ActionRowPage(wb);
  await page.setViewportSize({ width: 1280, height: 800 });
  await wb.connect(env.demoAddress);

  await wb.openMethod('example.UserService', 'GetUser');
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await docScreenshot(page, `action-row-unary-${width}`);
    await expectOneRow(row, ['Send']);
  }

  await wb.startChat('Ada', 'hi');
  const open: ActionName[] = ['Send message', 'End stream', 'Cancel'];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await expect(row.button('End stream')).toBeVisible();
    await docScreenshot(page, `action-row-stream-${width}`);
    await expectOneRow(row, open);
    // The composer's buttons too keep their words on one line (no two-line "Send / message").
    const heights = await row.composerButtonHeights();
    const single = (await row.layout(['Cancel'])).heights[0] as number;
    expect(heights).toEqual(heights.map(() => single));
  }
});
