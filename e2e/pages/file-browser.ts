// Choosing schema files in Connection settings: the "Browse…" buttons and the file browser dialog
// they open (the web host's view of the machine it runs on).
import { expect, type Locator, type Page } from '@playwright/test';
import {
  connectionSettings,
  loadSchemaFromSettings,
  openConnectionSettings,
} from './connection-settings.js';

export class FileBrowserPage {
  constructor(readonly page: Page) {}

  get settings(): Locator {
    return connectionSettings(this.page);
  }
  /** The browser dialog, whatever it is choosing. */
  get browser(): Locator {
    return this.page.getByRole('dialog', { name: /^Choose / });
  }
  get folder(): Locator {
    return this.browser.getByRole('textbox', { name: 'Folder' });
  }
  get contents(): Locator {
    return this.browser.getByRole('list', { name: /^Contents of / });
  }
  get protoFiles(): Locator {
    return this.settings.getByRole('textbox', { name: 'Proto files' });
  }
  get importPaths(): Locator {
    return this.settings.getByRole('textbox', { name: 'Import paths' });
  }
  get relativeNote(): Locator {
    return this.settings.getByRole('note').filter({ hasText: /Relative/ });
  }

  async openSettings(source: 'protoFiles' | 'descriptorSet'): Promise<void> {
    await openConnectionSettings(this.page, { schemaSource: source });
  }

  async browse(what: 'proto files' | 'an import path' | 'descriptor set files'): Promise<void> {
    await this.settings.getByRole('button', { name: `Browse… for ${what}` }).click();
    await expect(this.browser).toBeVisible();
  }

  /** Types a folder into the browser, not opening it yet. */
  async typeFolder(folder: string): Promise<void> {
    await this.folder.fill(folder);
  }

  /** Opens the folder typed in the Folder field. */
  async openTypedFolder(): Promise<void> {
    await this.folder.press('Enter');
  }

  /** Types a folder into the browser and opens it. */
  async goTo(folder: string): Promise<void> {
    await this.folder.fill(folder);
    await this.folder.press('Enter');
  }

  async openFolder(name: string): Promise<void> {
    await this.contents.getByRole('button', { name: new RegExp(`${name}$`) }).click();
  }

  async tick(file: string): Promise<void> {
    await this.contents.getByRole('checkbox', { name: new RegExp(`^${file}\\b`) }).check();
  }

  file(name: string): Locator {
    return this.contents.getByRole('checkbox', { name: new RegExp(`^${name}\\b`) });
  }

  async showHidden(): Promise<void> {
    await this.browser.getByRole('checkbox', { name: 'Show hidden files' }).check();
  }

  /** Opens `folder` (typed while the first listing may be on its way), ticks `file`, chooses it. */
  async chooseIn(folder: string, file: string): Promise<void> {
    await this.goTo(folder);
    await expect(this.file(file)).toBeVisible();
    await this.tick(file);
    await this.choose();
  }

  async choose(): Promise<void> {
    await this.browser.getByRole('button', { name: /^Choose/ }).click();
    await expect(this.browser).toBeHidden();
  }

  async loadSchema(): Promise<void> {
    await loadSchemaFromSettings(this.page);
  }

  /** Of axe's element selectors, those inside the file browser. */
  inBrowser(targets: string[]): Promise<string[]> {
    return this.page.evaluate(
      (ts) =>
        ts.filter((t) =>
          document
            .querySelector(t)
            ?.closest('[role="dialog"]')
            ?.getAttribute('aria-label')
            ?.startsWith('Choose'),
        ),
      targets,
    );
  }
}
