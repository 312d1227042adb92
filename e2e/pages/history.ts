// The history panel in the sidebar.
import type { Locator, Page } from '@playwright/test';

export class HistoryPanel {
  constructor(readonly page: Page) {}

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
