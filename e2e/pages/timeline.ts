// The timeline of a call as a keyboard and screen-reader user meets it: a listbox of events whose
// active row is named by aria-activedescendant, a gap row where a reopened history entry left
// events out, and the detail an event opens. Specs never touch selectors.
import { expect, type Locator, type Page } from '@playwright/test';
import type { WorkbenchPage } from './workbench.js';

export class TimelinePage {
  readonly page: Page;
  constructor(readonly wb: WorkbenchPage) {
    this.page = wb.page;
  }

  /** The list of events (inside the Timeline log). */
  get list(): Locator {
    return this.wb.timeline.getByRole('listbox', { name: 'Timeline events' });
  }
  get rows(): Locator {
    return this.list.getByRole('option');
  }
  /** The row the keyboard is on (the one aria-activedescendant names). */
  get activeRow(): Locator {
    return this.list.getByRole('option', { selected: true });
  }
  /** The words of the rows wholly inside the list's scrolled box, top first. */
  rowsInView(): Promise<string[]> {
    return this.list.evaluate((list) => {
      const box = (list.parentElement ?? list).getBoundingClientRect();
      return [...list.querySelectorAll('[role=option]')]
        .map((row) => ({ row, r: row.getBoundingClientRect() }))
        .filter(({ r }) => r.height > 0 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5)
        .sort((a, b) => a.r.top - b.r.top)
        .map(({ row }) => row.textContent ?? '');
    });
  }
  /** The row that says events were not kept. */
  get gapRow(): Locator {
    return this.rows.filter({ hasText: 'not kept in history' });
  }
  get detail(): Locator {
    return this.wb.response.getByRole('region', { name: 'Event detail' });
  }
  get detailHeading(): Locator {
    return this.detail.getByRole('heading');
  }
  /** The detail's message, read-only JSON. */
  get detailJson(): Locator {
    return this.detail.getByRole('textbox', { name: 'Event JSON' });
  }
  /** How far the detail's JSON is scrolled sideways (px), and how far it can be. */
  detailSideways(): Promise<{ left: number; max: number }> {
    return this.detailJson.evaluate((el) => {
      const scroller = el.closest('.cm-scroller');
      return scroller
        ? { left: scroller.scrollLeft, max: scroller.scrollWidth - scroller.clientWidth }
        : { left: -1, max: -1 };
    });
  }

  /** Tabs from the find box into the list, as a keyboard user gets there. */
  async tabIntoList(): Promise<void> {
    await this.wb.response.getByRole('searchbox', { name: 'Filter timeline' }).focus();
    // The tools between the find box and the list: count only, follow latest, First, Last.
    for (let i = 0; i < 6; i++) {
      await this.page.keyboard.press('Tab');
      if (await this.list.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error('Tab never reached the timeline list');
  }

  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.page.keyboard.press(key);
  }

  /** Whether the active row is wholly inside the list's visible box. */
  async activeRowInView(): Promise<boolean> {
    const list = await this.wb.timeline.boundingBox();
    const row = await this.activeRow.boundingBox();
    if (!list || !row) return false;
    return row.y >= list.y - 0.5 && row.y + row.height <= list.y + list.height + 0.5;
  }

  /** The id aria-activedescendant names and the id of the active row (equal when valid). */
  async activeDescendant(): Promise<{ named: string | null; row: string | null }> {
    return {
      named: await this.list.getAttribute('aria-activedescendant'),
      row: await this.activeRow.getAttribute('id'),
    };
  }

  /** Pages down from the first row until `row` is on screen (a virtual list draws only those). */
  async pageDownUntilShown(row: Locator, maxPages = 200): Promise<void> {
    await this.list.focus();
    await this.press('Home');
    for (let i = 0; i < maxPages; i++) {
      // The list draws the rows around the active one a frame after the key: looking before it
      // has (a slow frame) and paging on would skip the page the row is on.
      await expect.poll(() => this.activeRowInView()).toBe(true);
      if ((await row.count()) > 0 && (await row.isVisible())) return;
      await this.press('PageDown');
    }
    throw new Error(`the row never came into view in ${maxPages} pages`);
  }

  /** The `seq` field of the demo log line the active row shows (its message number). */
  async activeLineSeq(): Promise<number> {
    const text = (await this.activeRow.textContent()) ?? '';
    const seq = /"seq":"(\d+)"/.exec(text)?.[1];
    if (seq === undefined) throw new Error(`the active row is no log line: ${text}`);
    return Number(seq);
  }

  async filter(text: string): Promise<void> {
    await this.wb.response.getByRole('searchbox', { name: 'Filter timeline' }).fill(text);
  }
}
