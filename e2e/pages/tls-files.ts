// The TLS certificate fields of Connection settings and their Browse… buttons (the file browser
// over the web host's machine, filtered to certificates and keys).
import { expect, type Locator, type Page } from '@playwright/test';
import { openConnectionSettings } from './connection-settings.js';
import { FileBrowserPage } from './file-browser.js';

export type TlsFileField = 'CA certificate file' | 'Client certificate file' | 'Client key file';

export class TlsFilesPage {
  readonly files: FileBrowserPage;
  constructor(readonly page: Page) {
    this.files = new FileBrowserPage(page);
  }

  get settings(): Locator {
    return this.files.settings;
  }
  field(name: TlsFileField): Locator {
    return this.settings.getByRole('textbox', { name, exact: true });
  }
  get relativeNote(): Locator {
    return this.settings.getByRole('note').filter({ hasText: /Relative certificate paths/ });
  }

  async openWithTls(): Promise<void> {
    await openConnectionSettings(this.page, { security: 'tls' });
  }

  async browse(name: TlsFileField): Promise<void> {
    await this.settings
      .getByRole('button', { name: `Browse… for the ${name.toLowerCase()}` })
      .click();
    await expect(this.files.browser).toBeVisible();
  }

  /** Opens `folder` in the browser, ticks `file` and chooses it. */
  async chooseIn(folder: string, file: string): Promise<void> {
    await this.files.chooseIn(folder, file);
  }
}
