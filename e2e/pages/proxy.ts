// The proxy and compression fields of Connection settings (renderer/connection/ProxyFields.tsx).
import type { Locator, Page } from '@playwright/test';
import {
  connectionSettings,
  loadSchemaFromSettings,
  openConnectionSettings,
} from './connection-settings.js';

export type ProxyMode = 'environment' | 'none' | 'explicit';

export class ProxyPage {
  constructor(readonly page: Page) {}

  get settings(): Locator {
    return connectionSettings(this.page);
  }
  get mode(): Locator {
    return this.settings.getByRole('combobox', { name: 'HTTP proxy' });
  }
  field(name: 'Proxy URL' | 'Proxy user name' | 'Proxy password'): Locator {
    return this.settings.getByRole('textbox', { name, exact: true });
  }
  get compression(): Locator {
    return this.settings.getByRole('combobox', { name: 'Compress sent messages' });
  }
  get plainPasswordWarning(): Locator {
    return this.settings.getByRole('note').filter({ hasText: 'saved in the request as typed' });
  }

  async open(): Promise<void> {
    await openConnectionSettings(this.page);
  }

  /** Sets an explicit proxy; user and password only when given. */
  async useProxy(url: string, user?: string, password?: string): Promise<void> {
    await this.mode.selectOption('explicit');
    await this.field('Proxy URL').fill(url);
    if (user !== undefined) await this.field('Proxy user name').fill(user);
    if (password !== undefined) await this.field('Proxy password').fill(password);
  }

  /** Loads the schema by reflection from the dialog (through the proxy, if one is set). */
  async loadSchema(): Promise<void> {
    await loadSchemaFromSettings(this.page);
  }
}
