// The recordings panel in the sidebar and the recording viewer it opens.
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { showRailPanel } from './layout.js';

export class RecordingsPanel {
  constructor(readonly page: Page) {}

  /** Opens this panel in the sidebar rail (one panel shows at a time; see pages/layout.ts). */
  async show(): Promise<void> {
    await showRailPanel(this.page, 'Recordings');
  }

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Recordings', exact: true });
  }

  get entries(): Locator {
    return this.region.getByRole('list', { name: 'Recording list' }).getByRole('button');
  }

  /** The Record switch of the active tab's request toolbar. */
  get recordToggle(): Locator {
    return this.page
      .getByRole('region', { name: 'Request' })
      .getByRole('checkbox', { name: 'Record' });
  }

  async showAll(): Promise<void> {
    await this.region.getByRole('combobox', { name: 'Recordings shown' }).selectOption('all');
  }

  get viewer(): Locator {
    return this.page.getByRole('region', { name: 'Recording viewer' });
  }

  /** The viewer's title: the method, when, the counts and the status. */
  get viewerTitle(): Locator {
    return this.viewer.locator('.pane-head .title');
  }

  get timeline(): Locator {
    return this.page.getByRole('log', { name: 'Recording timeline' });
  }

  async open(index = 0): Promise<void> {
    await this.entries.nth(index).click();
    await expect(this.timeline).toBeVisible();
  }

  async close(): Promise<void> {
    await this.viewer.getByRole('button', { name: 'Close recording' }).click();
    await expect(this.viewer).toBeHidden();
  }

  async filter(text: string): Promise<void> {
    await this.viewer.getByRole('searchbox', { name: 'Filter timeline' }).fill(text);
  }

  async exportAs(format: 'NDJSON' | 'JSON'): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.viewer.getByRole('button', { name: `Export ${format}` }).click();
    return download;
  }

  async importFile(path: string): Promise<void> {
    await this.region.getByLabel('Import recording').setInputFiles(path);
  }

  async replay(speed: 'original' | 'x2' | 'x10' | 'x100' | 'max', ignore = ''): Promise<void> {
    await this.viewer.getByRole('combobox', { name: 'Replay speed' }).selectOption(speed);
    await this.viewer.getByRole('textbox', { name: 'Ignore paths' }).fill(ignore);
    await this.viewer.getByRole('button', { name: 'Replay', exact: true }).click();
  }

  async compareAgain(ignore: string): Promise<void> {
    await this.viewer.getByRole('textbox', { name: 'Ignore paths' }).fill(ignore);
    await this.viewer.getByRole('button', { name: 'Compare again' }).click();
  }

  get diff(): Locator {
    return this.viewer.getByRole('region', { name: 'Diff summary' });
  }

  get differingPaths(): Locator {
    return this.diff.getByRole('list', { name: 'Differing paths' }).getByRole('listitem');
  }

  /**
   * Starts a mock of the open recording (or of every recording of its method) and returns the
   * port it listens on.
   */
  async serveAsMock(which: 'this one' | 'all of its method' = 'this one'): Promise<number> {
    const button = which === 'this one' ? 'Serve as mock' : 'Serve all of this method';
    await this.viewer.getByRole('button', { name: button }).click();
    const line = this.region.getByText(/Mock listening on 127\.0\.0\.1:\d+/);
    await expect(line).toBeVisible();
    return Number(/:(\d+)/.exec((await line.textContent()) ?? '')?.[1]);
  }

  /** The file name of the recording open in the viewer (its id's last segment). */
  async openedFileName(): Promise<string> {
    const id = await this.viewer.locator('.pane-head .title').getAttribute('title');
    return id?.split('/').at(-1) ?? '';
  }

  /** The calls the running mock served, newest first: `time Service/Method ← file (matched|default: why)`. */
  get mockCalls(): Locator {
    return this.region.getByRole('list', { name: 'Mock calls' }).getByRole('listitem');
  }

  /** The viewer's Delete button (absent for one recording of a file of several). */
  get deleteButton(): Locator {
    return this.viewer.getByRole('button', { name: 'Delete', exact: true });
  }

  async stopMock(): Promise<void> {
    await this.region.getByRole('button', { name: 'Stop mock' }).click();
    await expect(this.region.getByText(/Mock listening on/)).toBeHidden();
    await expect(this.mockCalls).toHaveCount(0);
  }
}
