// The page object for composing streams: the prepared messages of a client or bidi request, the
// composer of an open stream, the buttons that drive it, the question before a new call, and the
// timeline's rows and detail. Built over WorkbenchPage; specs never touch selectors.
import { expect, type Locator, type Page } from '@playwright/test';
import type { WorkbenchPage } from './workbench.js';

export class StreamComposerPage {
  readonly page: Page;
  constructor(readonly wb: WorkbenchPage) {
    this.page = wb.page;
  }

  // --- the prepared messages -------------------------------------------------------------------

  get messageList(): Locator {
    return this.wb.messageList;
  }
  /** The rows of the prepared list. */
  get messageRows(): Locator {
    return this.messageList.getByRole('listitem');
  }
  messageButton(n: number, action: 'Duplicate' | 'Move' | 'Remove', dir?: 'up' | 'down'): Locator {
    const name = action === 'Move' ? `Move message ${n} ${dir ?? 'up'}` : `${action} message ${n}`;
    return this.messageList.getByRole('button', { name, exact: true });
  }
  /** The button that picks prepared message `n` to edit it. */
  pickButton(n: number): Locator {
    return this.messageList.getByRole('button', { name: `Message ${n}`, exact: true });
  }
  /** Drags prepared message `from` onto the row of message `to` (1-based). */
  async dragMessage(from: number, to: number): Promise<void> {
    await this.messageRows
      .nth(from - 1)
      .getByRole('code')
      .dragTo(this.messageRows.nth(to - 1).getByRole('code'));
  }
  /** The `key` of each prepared message, top to bottom, read from the rows' summaries. */
  async keysInOrder(): Promise<string[]> {
    const rows = await this.messageRows.allTextContents();
    return rows.map((r) => /"key": "([^"]*)"/.exec(r)?.[1] ?? '?');
  }

  // --- the composer of an open stream ------------------------------------------------------------

  get composer(): Locator {
    return this.wb.response.getByRole('group', { name: 'Next message' });
  }
  get composerJson(): Locator {
    return this.composer.getByRole('textbox', { name: 'Next message' });
  }
  composerField(name: string): Locator {
    return this.composer.getByLabel(name, { exact: true });
  }
  async composerView(view: 'Form' | 'JSON'): Promise<void> {
    await this.composer.getByRole('tab', { name: view }).click();
  }
  /** Replaces the composer's JSON as if typed. */
  async typeComposerJson(text: string): Promise<void> {
    await this.composerView('JSON');
    await this.composerJson.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }
  /** The parts of the composer's JSON the editor marks as refused by the schema. */
  get composerMarks(): Locator {
    return this.composerJson.locator('.cm-lintRange-error');
  }
  /** What the composer says is wrong (beside it). */
  get composerError(): Locator {
    return this.composer.getByRole('alert');
  }
  composerAction(name: 'Send message' | 'End stream' | 'Cancel'): Locator {
    return this.composer.getByRole('button', { name, exact: true });
  }

  // --- the request pane's buttons --------------------------------------------------------------

  headButton(name: 'Send' | 'Send message' | 'End stream' | 'Cancel'): Locator {
    return this.wb.request.getByRole('button', { name, exact: true });
  }
  /** The question asked before a new call replaces a running one. */
  get newCallDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'A call is running' });
  }

  // --- the timeline ----------------------------------------------------------------------------

  get rows(): Locator {
    return this.wb.timeline.getByRole('option');
  }
  async filterTimeline(text: string): Promise<void> {
    await this.wb.response.getByRole('searchbox', { name: 'Filter timeline' }).fill(text);
  }
  async showDirection(label: '↑ sent' | '↓ received' | 'headers/status', on: boolean) {
    await this.wb.response.getByRole('checkbox', { name: label }).setChecked(on);
  }
  get detail(): Locator {
    return this.wb.response.getByRole('region', { name: 'Event detail' });
  }
  get detailJson(): Locator {
    return this.detail.getByRole('textbox', { name: 'Event JSON' });
  }
  async expectDetailFor(heading: string | RegExp): Promise<void> {
    await expect(this.detail.getByRole('heading')).toHaveText(heading);
  }
  /** Whether `token` in the detail's JSON has its own colour, apart from the editor's text. */
  async detailColours(token: string): Promise<{ token: string; text: string; same: boolean }> {
    const tokenColour = await this.detailJson
      .getByText(token, { exact: true })
      .evaluate((el) => getComputedStyle(el).color);
    const text = await this.detailJson.evaluate((el) => getComputedStyle(el).color);
    return { token: tokenColour, text, same: tokenColour === text };
  }

  // --- accessibility ---------------------------------------------------------------------------

  /** The axe findings whose elements are in the composer, the prepared list or the event detail. */
  async violationsInside(found: { id: string; targets: string[] }[]): Promise<string[]> {
    const ours: string[] = [];
    for (const v of found)
      for (const target of v.targets) {
        const inside = await this.page.evaluate(
          (sel) =>
            !!document
              .querySelector(sel)
              ?.closest(
                '[aria-label="Next message"], [aria-label="Messages to send"], [aria-label="Event detail"], .pane-head',
              ),
          target,
        );
        if (inside) ours.push(`${v.id}: ${target}`);
      }
    return ours;
  }
}
