// The history panel in the sidebar.
import type { Locator, Page } from '@playwright/test';
import { showRailPanel } from './layout.js';

export class HistoryPanel {
  constructor(readonly page: Page) {}

  /** Opens this panel in the sidebar rail (one panel shows at a time; see pages/layout.ts). */
  async show(): Promise<void> {
    await showRailPanel(this.page, 'History');
  }

  get region(): Locator {
    return this.page.getByRole('region', { name: 'History' });
  }

  get entries(): Locator {
    return this.region.getByRole('list', { name: 'History entries' }).getByRole('button');
  }

  async search(text: string): Promise<void> {
    await this.region.getByRole('searchbox', { name: 'Search history' }).fill(text);
  }
}
