// The collections panel in the sidebar: save, save as, the tree and its item actions.
import { expect, type Locator, type Page } from '@playwright/test';
import { showRailPanel } from './layout.js';

export class CollectionsPanel {
  constructor(readonly page: Page) {}

  /** Opens this panel in the sidebar rail (one panel shows at a time; see pages/layout.ts). */
  async show(): Promise<void> {
    await showRailPanel(this.page, 'Collections');
  }

  get tree(): Locator {
    return this.page.getByRole('tree', { name: 'Collections' });
  }

  item(name: string): Locator {
    return this.tree.getByRole('treeitem', { name, exact: true });
  }

  /** A folder's children: the group its treeitem owns, named by it (the standard tree pattern). */
  children(name: string): Locator {
    return this.tree.getByRole('group', { name, exact: true });
  }

  /** The workspace folder the engine has open (shown as the panel title's tooltip). */
  async workspaceDir(): Promise<string> {
    const title = this.page.getByTestId('workspace-dir');
    await expect(title).not.toHaveAttribute('data-dir', '');
    return (await title.getAttribute('data-dir')) ?? '';
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
  }

  /** Save as: `folder` is an existing collection/folder path, or a new collection's name. */
  async saveAs(name: string, folder: string, { newCollection = false } = {}): Promise<void> {
    await this.page.getByRole('button', { name: 'Save as', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Save as' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    if (newCollection) {
      await dialog
        .getByRole('combobox', { name: 'Collection or folder' })
        .selectOption({ label: 'New collection…' });
      await dialog.getByRole('textbox', { name: 'New collection name' }).fill(folder);
    } else {
      await dialog.getByRole('combobox', { name: 'Collection or folder' }).selectOption(folder);
    }
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  /** Shows the panel and picks `action` of `item` once the item is listed (Run…, Run load…). */
  async openFromItem(item: string, action: string): Promise<void> {
    await this.show();
    await expect(this.item(item)).toBeVisible();
    await this.action(item, action);
  }

  async action(item: string, action: string): Promise<void> {
    await this.item(item)
      .getByRole('button', { name: `Actions for ${item}` })
      .first()
      .click();
    await this.page
      .getByRole('menu', { name: `Actions for ${item}` })
      .getByRole('menuitem', { name: action })
      .click();
  }

  async newFolder(parent: string, name: string): Promise<void> {
    await this.action(parent, 'New folder…');
    const dialog = this.page.getByRole('dialog', { name: /^New folder in/ });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toBeHidden();
  }

  async rename(item: string, to: string): Promise<void> {
    await this.action(item, 'Rename…');
    const dialog = this.page.getByRole('dialog', { name: `Rename ${item}` });
    await dialog.getByLabel('New name').fill(to);
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await expect(dialog).toBeHidden();
  }

  async duplicate(item: string): Promise<void> {
    await this.action(item, 'Duplicate');
  }

  /** Keyboard-friendly move: the item's "Move to…" dialog. */
  async moveTo(item: string, folder: string): Promise<void> {
    await this.action(item, 'Move to…');
    const dialog = this.page.getByRole('dialog', { name: `Move ${item}` });
    await dialog.getByLabel('Destination').selectOption(folder);
    await dialog.getByRole('button', { name: 'Move' }).click();
    await expect(dialog).toBeHidden();
  }

  async dragOnto(item: string, folder: string): Promise<void> {
    await this.item(item).locator('.row').first().dragTo(this.item(folder).locator('.row').first());
  }

  async delete(item: string): Promise<void> {
    await this.action(item, 'Delete');
  }

  async undo(): Promise<void> {
    await this.page.getByRole('button', { name: 'Undo' }).click();
  }

  async open(item: string): Promise<void> {
    await this.item(item).locator('.row').first().click();
  }

  /** Exports a collection through the browser download, saved as `file`. */
  async exportCollection(name: string, file: string): Promise<void> {
    const download = this.page.waitForEvent('download');
    await this.action(name, 'Export…');
    await (await download).saveAs(file);
  }

  async importCollection(file: string): Promise<void> {
    await this.page.getByLabel('Import collection file').setInputFiles(file);
  }

  /** Deletes a folder or collection, accepting the confirmation. */
  async deleteFolder(name: string): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await this.action(name, 'Delete');
  }

  async openFolder(dir: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Open folder…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Open workspace folder' });
    await dialog.getByLabel('Folder path').fill(dir);
    await dialog.getByRole('button', { name: 'Open' }).click();
    await expect(dialog).toBeHidden();
  }

  async importGrpcurl(command: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Import grpcurl' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Import grpcurl' });
    await dialog.getByLabel('grpcurl command').fill(command);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog).toBeHidden();
  }
}
