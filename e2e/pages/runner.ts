// The collection runner dialog: opened from a collection's or folder's actions ("Run…") or a
// request's ("Run with dependencies…"), its settings, progress and results.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { CollectionsPanel } from './collections.js';
import { tabStaysInside } from './focus.js';

export class RunnerPage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Collection runner' });
  }

  async open(item: string, action: 'Run…' | 'Run with dependencies…' = 'Run…'): Promise<void> {
    await new CollectionsPanel(this.page).openFromItem(item, action);
    await expect(this.dialog).toBeVisible();
  }

  async setIterations(n: number): Promise<void> {
    await this.dialog.getByRole('spinbutton', { name: 'Iterations' }).fill(String(n));
  }

  /** Types a data file's path (relative: from the workspace folder). */
  async setDataFile(path: string): Promise<void> {
    await this.dialog.getByRole('textbox', { name: 'Data file' }).fill(path);
  }

  async run(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Run', exact: true }).click();
  }

  async cancel(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Cancel' }).click();
  }

  /** The run's state line (Running n of m, Finished: …, Cancelled: …). */
  get state(): Locator {
    return this.dialog.getByRole('status');
  }

  get results(): Locator {
    return this.dialog.getByRole('list', { name: 'Run results' });
  }

  result(path: string): Locator {
    return this.results.getByRole('listitem').filter({ hasText: path }).first();
  }

  async openResult(path: string): Promise<void> {
    await this.dialog
      .getByRole('button', { name: `Open ${path} with its response` })
      .first()
      .click();
    await expect(this.dialog).toBeHidden();
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close' }).click();
    await expect(this.dialog).toBeHidden();
  }

  /** The button that opens an item's actions (Run…, Run with dependencies…) in the tree. */
  actionsButton(item: string): Locator {
    return new CollectionsPanel(this.page)
      .item(item)
      .getByRole('button', { name: `Actions for ${item}` })
      .first();
  }

  /** Whether the element with focus is in the runner dialog. */
  async focusIsInside(): Promise<boolean> {
    return this.dialog.evaluate((dialog) => dialog.contains(document.activeElement));
  }

  /** Presses Tab (or Shift+Tab) `times` times; false as soon as focus leaves the dialog. */
  tabStaysInside(times: number, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<boolean> {
    return tabStaysInside(this.page, this.dialog, times, key);
  }
}

/** Saved request files written where the engine reads them (it watches the workspace). */
export async function saveRequests(
  page: Page,
  address: string,
  collection: string,
  requests: Record<string, Record<string, unknown>>,
): Promise<void> {
  const collections = new CollectionsPanel(page);
  await collections.show();
  const dir = join(await collections.workspaceDir(), 'collections', collection);
  mkdirSync(dir, { recursive: true });
  for (const [name, doc] of Object.entries(requests))
    writeFileSync(
      join(dir, `${name}.grpc.json`),
      JSON.stringify({
        version: 2,
        name,
        connection: { address, security: { kind: 'plaintext' } },
        method: '/example.UserService/GetUser',
        messages: [{}],
        metadata: [],
        options: {},
        notes: '',
        ...doc,
      }),
    );
  for (const name of Object.keys(requests)) await expect(collections.item(name)).toBeVisible();
}
