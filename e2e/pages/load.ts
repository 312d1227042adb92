// The Load view: opened from a saved request's actions ("Run load…") in the collections tree, its
// settings, the live state and charts, the report, and the saved reports to compare.
import { expect, type Locator, type Page } from '@playwright/test';
import { CollectionsPanel } from './collections.js';
import { tabStaysInside } from './focus.js';

export class LoadPage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Load test' });
  }

  async open(item: string): Promise<void> {
    await new CollectionsPanel(this.page).openFromItem(item, 'Run load…');
    await expect(this.dialog).toBeVisible();
  }

  /** "Run load…" on the request in the active tab. */
  async openFromTab(): Promise<void> {
    await this.page.getByRole('button', { name: 'Run load…' }).click();
    await expect(this.dialog).toBeVisible();
  }

  field(label: string): Locator {
    return this.dialog.getByRole('textbox', { name: label, exact: true });
  }

  async set(settings: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(settings)) await this.field(label).fill(value);
  }

  /** The data file field (the runner's own: typed here; its "Data file…" button browses). */
  get dataFile(): Locator {
    return this.field('Data file');
  }

  async run(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Run load' }).click();
  }

  async cancel(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Cancel' }).click();
  }

  /** The run's state line (Running: …, Finished, Cancelled, Not run: …). */
  get state(): Locator {
    return this.dialog.getByRole('status');
  }

  /** A chart by its name's start (Throughput, Latency, Latency histogram). */
  chart(name: string): Locator {
    return this.dialog.getByRole('img', { name: new RegExp(`^${name}`) });
  }

  get report(): Locator {
    return this.dialog.getByRole('region', { name: 'Load report' });
  }

  get statuses(): Locator {
    return this.dialog.getByRole('region', { name: 'Calls by status' });
  }

  get thresholds(): Locator {
    return this.dialog.getByRole('region', { name: 'Thresholds' });
  }

  get savedReports(): Locator {
    return this.dialog.getByRole('region', { name: 'Saved reports' });
  }

  reportChoices(): Locator {
    return this.savedReports.getByRole('checkbox');
  }

  async compareFirstTwo(): Promise<void> {
    await this.reportChoices().nth(0).check();
    await this.reportChoices().nth(1).check();
    await this.savedReports.getByRole('button', { name: 'Compare' }).click();
  }

  get comparison(): Locator {
    return this.savedReports.getByRole('table', { name: /^Comparison of / });
  }

  /** The error shown at a field (its accessible description). */
  async fieldError(label: string): Promise<string | null> {
    return this.field(label).evaluate((el) => {
      const ids = (el.getAttribute('aria-describedby') ?? '').split(' ');
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
    });
  }

  /** Presses Tab (or Shift+Tab) `times` times; false as soon as focus leaves the view. */
  tabStaysInside(times: number, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<boolean> {
    return tabStaysInside(this.page, this.dialog, times, key);
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
