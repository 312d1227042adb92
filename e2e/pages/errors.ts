// The page object for failures said in words: the "Schema not loaded" banner where the request
// would be, its next-step buttons, the call's status words and the details one click away.
import type { Locator, Page } from '@playwright/test';
import { connectionSettings } from './connection-settings.js';
import type { WorkbenchPage } from './workbench.js';

export class ErrorsPage {
  constructor(
    readonly wb: WorkbenchPage,
    readonly page: Page = wb.page,
  ) {}

  /** The failed schema load of the active tab. */
  get schemaBanner(): Locator {
    return this.wb.request.getByRole('alert', { name: 'Schema not loaded' });
  }

  /** A next step offered by the banner ("Retry", "Use plaintext", "Load .proto files…"). */
  bannerStep(name: string): Locator {
    return this.schemaBanner.getByRole('button', { name, exact: true });
  }

  /** A next step offered under a failed call's status. */
  callStep(name: string): Locator {
    return this.wb.status.getByRole('button', { name, exact: true });
  }

  /** Opens the technical details inside `where` and returns them. */
  async showDetails(where: Locator): Promise<Locator> {
    await where.getByRole('button', { name: 'Show details' }).click();
    return where.getByLabel('Technical details');
  }

  /** Loads by reflection from `address` without waiting for a tree (it may fail). */
  async tryReflection(address: string): Promise<void> {
    await this.wb.address.fill(address);
    await this.page.getByRole('button', { name: 'Load by reflection' }).click();
  }

  async chooseSecurity(mode: 'plaintext' | 'tls' | 'tls-skip'): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Security' }).selectOption(mode);
  }

  get security(): Locator {
    return this.page.getByRole('combobox', { name: 'Security' });
  }

  get deadline(): Locator {
    return this.wb.request.getByRole('textbox', { name: 'Deadline (ms)' });
  }

  get settingsDialog(): Locator {
    return connectionSettings(this.page);
  }
}
