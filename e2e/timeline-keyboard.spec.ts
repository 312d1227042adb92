// The timeline by keyboard (issue 14, part 6): Tab into the list of a 10,000-message stream, move
// with arrows, Page Up/Down, Home and End through every row (the virtual list scrolls to keep the
// active row in view), Enter opens the event's detail; the list is a listbox whose active row is
// its aria-activedescendant, and axe finds nothing in both themes.
import { test, expect } from './fixtures/workbench.js';
import { startFastTailServer, type FastTailServer } from './fixtures/fast-tail-server.js';
import { TimelinePage } from './pages/timeline.js';
import { axeViolations } from './pages/accessibility.js';
import { docScreenshot } from './fixtures/doc-screenshot.js';

let fast: FastTailServer;
test.beforeEach(async () => {
  fast = await startFastTailServer();
});
test.afterEach(async () => {
  await fast.close();
});

for (const theme of ['light', 'dark'] as const) {
  test(`keyboard to the last row of a 10,000-message stream and open its detail (${theme})`, async ({
    wb,
    page,
  }) => {
    test.setTimeout(120_000);
    const tl = new TimelinePage(wb);
    await wb.connect(`127.0.0.1:${fast.port}`);
    await wb.chooseTheme(theme);
    await wb.startTail(10000);
    await expect(wb.status).toContainText('OK', { timeout: 60_000 });
    await expect(wb.receivedCount()).toHaveText('10000');

    // Tab in: the first row in view becomes active, named by aria-activedescendant.
    await tl.tabIntoList();
    await expect(tl.activeRow).toHaveCount(1);
    let ids = await tl.activeDescendant();
    expect(ids.named).toBeTruthy();
    expect(ids.named).toBe(ids.row);

    // Home: the first row; the arrows move one row and the screen reader gets its text.
    await tl.press('Home');
    await expect(tl.activeRow).toContainText('started');
    await expect(tl.activeRow).toHaveAttribute('aria-posinset', '1');
    await tl.press('ArrowDown');
    await expect(tl.activeRow).toContainText('↑ sent');
    await expect(tl.activeRow).toHaveAttribute('aria-posinset', '2');
    // Page Down moves a page and scrolls the active row into view.
    // Polled, not read once: the list scrolls and draws its rows a frame after the key.
    const posinset = async (): Promise<number> =>
      Number(await tl.activeRow.getAttribute('aria-posinset'));
    await tl.press('PageDown', 3);
    await expect.poll(posinset).toBeGreaterThan(10);
    await expect.poll(() => tl.activeRowInView()).toBe(true);
    const afterPages = await posinset();
    await tl.press('PageUp');
    await expect.poll(posinset).toBeLessThan(afterPages);
    await expect.poll(() => tl.activeRowInView()).toBe(true);

    // End: the last of the 10,000 messages' rows and the call's other events, in view.
    await tl.press('End');
    await expect(tl.activeRow).toContainText('ended');
    const total = Number(await tl.activeRow.getAttribute('aria-setsize'));
    expect(total).toBeGreaterThan(10_000);
    await expect(tl.activeRow).toHaveAttribute('aria-posinset', String(total));
    await expect.poll(() => tl.activeRowInView()).toBe(true);
    await docScreenshot(page, `timeline-keyboard-active-${theme}`);
    await tl.press('Enter');
    await expect(tl.detailHeading).toHaveText('Call ended');
    // The detail takes room from the list: the active row stays in view.
    await expect.poll(() => tl.activeRowInView()).toBe(true);

    // Up to the last message: its detail says its number, not the event's.
    await tl.press('ArrowUp', 2);
    await expect(tl.activeRow).toContainText('line 10000');
    ids = await tl.activeDescendant();
    expect(ids.named).toBe(ids.row);
    await tl.press('Enter');
    await expect(tl.detailHeading).toHaveText('10000th message received');
    await expect.poll(() => tl.activeRowInView()).toBe(true);
    expect(await tl.list.evaluate((el) => el === document.activeElement)).toBe(true);

    const found = await axeViolations(page);
    expect(found).toEqual([]);
    await docScreenshot(page, `timeline-keyboard-${theme}`);
  });
}
