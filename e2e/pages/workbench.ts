// The page object: what a person does in the workbench, in their words. Specs never touch selectors.
import { expect, type Locator, type Page } from '@playwright/test';

export class WorkbenchPage {
  constructor(readonly page: Page) {}

  get address(): Locator {
    return this.page.getByRole('textbox', { name: 'Server address' });
  }
  get tree(): Locator {
    return this.page.getByRole('tree', { name: 'Services' });
  }
  get status(): Locator {
    return this.page.getByRole('status');
  }
  get timeline(): Locator {
    return this.page.getByRole('log', { name: 'Timeline' });
  }
  get request(): Locator {
    return this.page.getByRole('region', { name: 'Request' });
  }
  get response(): Locator {
    return this.page.getByRole('region', { name: 'Response' });
  }

  async skipWelcome(): Promise<void> {
    await this.page.getByRole('button', { name: 'Connect to my server' }).click();
  }

  async tryDemo(): Promise<void> {
    await this.page.getByRole('button', { name: 'Try the demo server' }).click();
  }

  /** Loads the schema of the server at `address` by reflection. */
  async loadByReflection(address: string): Promise<void> {
    await this.address.fill(address);
    const button = this.page.getByRole('button', { name: 'Load by reflection' });
    if (await button.isVisible()) {
      await button.click();
    } else {
      // Another schema source is chosen: switch back to reflection in Connection settings.
      await this.page.getByRole('button', { name: 'Connection settings…' }).click();
      const dialog = this.page.getByRole('dialog', { name: 'Connection settings' });
      await dialog.getByRole('combobox', { name: 'Schema source' }).selectOption('reflection');
      await dialog.getByRole('button', { name: 'Load schema' }).click();
      await expect(dialog).toBeHidden();
    }
    await expect(this.tree.getByRole('treeitem').first()).toBeVisible();
  }

  service(name: string): Locator {
    return this.tree.getByRole('treeitem', { name, exact: true });
  }

  async openMethod(service: string, method: string): Promise<void> {
    await this.service(service).getByRole('treeitem', { name: method, exact: true }).click();
    await expect(this.request.getByText(`${service}.${method}`)).toBeVisible();
  }

  field(name: string): Locator {
    return this.request.getByLabel(name, { exact: true });
  }

  async fill(name: string, value: string): Promise<void> {
    await this.field(name).fill(value);
  }

  async showJson(): Promise<void> {
    await this.request.getByRole('tab', { name: 'JSON' }).click();
  }

  async showForm(): Promise<void> {
    await this.request.getByRole('tab', { name: 'Form' }).click();
  }

  get jsonEditor(): Locator {
    return this.request.getByRole('textbox', { name: 'Request JSON' });
  }

  /** Replaces the request JSON as if typed (the editor's own closing brackets are removed first). */
  async setJson(text: string): Promise<void> {
    await this.jsonEditor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }

  async send(): Promise<void> {
    await this.request.getByRole('button', { name: 'Send', exact: true }).click();
  }

  get responseJson(): Locator {
    return this.response.getByRole('textbox', { name: 'Response JSON' });
  }

  get composer(): Locator {
    return this.response.getByRole('textbox', { name: 'Next message' });
  }

  async sendMessage(json: string): Promise<void> {
    await this.composer.fill(json);
    await this.response.getByRole('button', { name: 'Send message' }).click();
  }

  async endStream(): Promise<void> {
    await this.response.getByRole('button', { name: 'End stream' }).click();
  }

  receivedCount(): Locator {
    return this.response.getByTestId('count-received');
  }

  /** Loads the schema from .proto files (absolute paths) through Connection settings. */
  async loadProtoFiles(files: string[], importPaths: string[] = []): Promise<void> {
    await this.page.getByRole('button', { name: 'Connection settings…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Connection settings' });
    await dialog.getByRole('combobox', { name: 'Schema source' }).selectOption('protoFiles');
    await dialog.getByRole('textbox', { name: 'Proto files' }).fill(files.join('\n'));
    await dialog.getByRole('textbox', { name: 'Import paths' }).fill(importPaths.join('\n'));
    await dialog.getByRole('button', { name: 'Load schema' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.tree.getByRole('treeitem').first()).toBeVisible();
  }

  /** The request JSON as text (CodeMirror renders only visible lines; the page reads its document). */
  async requestJsonText(): Promise<string> {
    return this.jsonEditor.evaluate((el) => {
      const lines = [...el.querySelectorAll('.cm-line')].map((l) => l.textContent ?? '');
      return lines.join('\n');
    });
  }
}
