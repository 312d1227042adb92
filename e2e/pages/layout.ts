// The workbench's frame as a person sees it: the sidebar rail and its panels, the top bar, where
// dialogs sit. Specs never touch selectors.
import { expect, type Locator, type Page } from '@playwright/test';

export type RailPanelName = 'Services' | 'Collections' | 'History' | 'Recordings' | 'Capture';

export class LayoutPage {
  constructor(readonly page: Page) {}

  get sidebar(): Locator {
    return this.page.getByRole('complementary', { name: 'Sidebar' });
  }
  get railTabs(): Locator {
    return this.sidebar.getByRole('tablist', { name: 'Sidebar panels' });
  }
  railTab(name: RailPanelName): Locator {
    return this.railTabs.getByRole('tab', { name, exact: true });
  }
  /** The panel showing now (none when the sidebar is collapsed). */
  get openPanels(): Locator {
    return this.sidebar.getByRole('tabpanel');
  }
  panel(name: RailPanelName): Locator {
    return this.sidebar.getByRole('tabpanel', { name, exact: true });
  }
  get splitter(): Locator {
    return this.sidebar.getByRole('separator', { name: 'Resize sidebar' });
  }
  get topBar(): Locator {
    return this.page.getByRole('banner');
  }
  get requestTabs(): Locator {
    return this.page.getByRole('tablist', { name: 'Open requests' });
  }

  /** Opens a panel of the rail (a click on the open one would collapse the sidebar). */
  async openPanel(name: RailPanelName): Promise<void> {
    if ((await this.railTab(name).getAttribute('aria-selected')) === 'true') {
      if (await this.panel(name).isVisible()) return;
    }
    await this.railTab(name).click();
    await expect(this.panel(name)).toBeVisible();
  }

  async sidebarWidth(): Promise<number> {
    return Number(await this.splitter.getAttribute('aria-valuenow'));
  }

  /** The rendered width of the service tree, in CSS pixels. */
  async treeWidth(): Promise<number> {
    const box = await this.page.getByRole('tree', { name: 'Services' }).boundingBox();
    return box?.width ?? 0;
  }

  get historyEntries(): Locator {
    return this.panel('History').getByRole('list', { name: 'History entries' }).getByRole('button');
  }

  /** Whether some text of `row` that contains `text` is cut off (wider than the box showing it). */
  textClipped(row: Locator, text: string): Promise<boolean> {
    return row.evaluate((el, t) => {
      const all = [el, ...el.querySelectorAll('*')] as HTMLElement[];
      const holders = all.filter(
        (e) =>
          e.textContent?.includes(t) &&
          ![...e.children].some((c) => (c.textContent ?? '').includes(t)),
      );
      if (holders.length === 0) return true;
      return holders.some((e) => {
        const r = e.getBoundingClientRect();
        const box = el.getBoundingClientRect();
        return e.scrollWidth > e.clientWidth + 1 || r.right > box.right + 1 || r.width < 1;
      });
    }, text);
  }

  /** The distinct rows the top bar's controls sit on (1 when nothing wrapped). */
  topBarRows(): Promise<number> {
    return this.topBar.evaluate((bar) => {
      const tops = new Set<number>();
      for (const c of bar.children) {
        const r = c.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) tops.add(Math.round(r.top + r.height / 2));
      }
      const sorted = [...tops].sort((a, b) => a - b);
      // Controls of one row differ in height by a few pixels; a wrapped row is a line lower.
      let rows = sorted.length > 0 ? 1 : 0;
      for (let i = 1; i < sorted.length; i++)
        if ((sorted[i] as number) - (sorted[i - 1] as number) > 12) rows++;
      return rows;
    });
  }

  /** Whether something of the top bar is outside the window (cut off at its right edge). */
  topBarOverflows(): Promise<boolean> {
    return this.topBar.evaluate(
      (bar) =>
        bar.scrollWidth > bar.clientWidth + 1 || bar.getBoundingClientRect().right > innerWidth + 1,
    );
  }

  /** Of axe's element selectors, those in the sidebar or the top bar (the parts this page object covers). */
  inFrame(targets: string[]): Promise<string[]> {
    return this.page.evaluate(
      (ts) => ts.filter((t) => document.querySelector(t)?.closest('aside, header') != null),
      targets,
    );
  }

  /** The top edge of a dialog's visible box (a modal's backdrop covers the window; its box does not). */
  dialogTop(dialog: Locator): Promise<number> {
    return dialog.evaluate((el) => {
      const box = el.classList.contains('overlay') ? el.firstElementChild : el;
      return (box ?? el).getBoundingClientRect().top;
    });
  }

  /** The lowest edge of the request tabs (the tablist itself has no box of its own to measure). */
  async tabBarBottom(): Promise<number> {
    const boxes = await this.requestTabs
      .getByRole('tab')
      .evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect().bottom));
    if (boxes.length === 0) throw new Error('no request tab to measure the tab bar by');
    return Math.max(...boxes);
  }

  /** Whether `control` is wholly inside the window. */
  inWindow(control: Locator): Promise<boolean> {
    return control.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.left >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
    });
  }

  portField(which: 'Demo port' | 'Mock port'): Locator {
    return this.page.getByRole('textbox', { name: which });
  }

  /** A later visit by the same user, shown the welcome screen again (it is shown once). */
  async welcomeAgain(): Promise<void> {
    await this.page.evaluate(() => localStorage.removeItem('gwb.welcomed'));
    await this.page.reload();
    await expect(this.page.getByRole('dialog', { name: 'Welcome' })).toBeVisible();
  }
}

/**
 * Opens a panel of the rail even under a dialog (a spec may set up its page objects before the
 * welcome screen is dismissed): the click is dispatched, not aimed.
 */
export async function showRailPanel(page: Page, name: RailPanelName): Promise<void> {
  const tab = page
    .getByRole('tablist', { name: 'Sidebar panels' })
    .getByRole('tab', { name, exact: true });
  const panel = page.getByRole('tabpanel', { name, exact: true });
  if ((await tab.getAttribute('aria-selected')) === 'true' && (await panel.isVisible())) return;
  await tab.dispatchEvent('click');
  await expect(panel).toBeVisible();
}

/**
 * Runs `act` with the Services panel open (the tree is there), then opens again the panel that was
 * open before, so a spec watching History or Recordings can still pick methods in between.
 */
export async function withServicesPanel<T>(page: Page, act: () => Promise<T>): Promise<T> {
  const selected = page
    .getByRole('tablist', { name: 'Sidebar panels' })
    .getByRole('tab', { selected: true });
  const names: Record<string, RailPanelName> = {
    'rail-tab-services': 'Services',
    'rail-tab-collections': 'Collections',
    'rail-tab-history': 'History',
    'rail-tab-recordings': 'Recordings',
    'rail-tab-capture': 'Capture',
  };
  const before = names[(await selected.getAttribute('id')) ?? ''] ?? 'Services';
  await showRailPanel(page, 'Services');
  const result = await act();
  if (before !== 'Services') await showRailPanel(page, before);
  return result;
}
