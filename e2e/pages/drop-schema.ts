// Dropping files on the window: real drags through Chromium's own drag-and-drop (CDP
// Input.dispatchDragEvent with paths on disk, folders included, as the OS hands them over), the
// highlight while dragging, the announcement, and what the drop says afterwards.
import { expect, type CDPSession, type Locator, type Page } from '@playwright/test';

export class DropSchemaPage {
  private cdp: CDPSession | undefined;
  constructor(readonly page: Page) {}

  get overlay(): Locator {
    return this.page.getByTestId('drop-overlay');
  }
  /** The polite live region that says what dragging and dropping did. */
  get announcement(): Locator {
    return this.page.getByTestId('drop-announcement');
  }
  get failure(): Locator {
    return this.page.getByRole('alert', { name: 'Dropped files not loaded' });
  }
  get notice(): Locator {
    return this.page.getByRole('note', { name: 'Schema from dropped files' });
  }

  private async session(): Promise<CDPSession> {
    this.cdp ??= await this.page.context().newCDPSession(this.page);
    return this.cdp;
  }

  private async drag(type: 'dragEnter' | 'dragOver' | 'drop', files: string[], x = 600, y = 400) {
    const cdp = await this.session();
    await cdp.send('Input.dispatchDragEvent', {
      type,
      x,
      y,
      data: { items: [], files, dragOperationsMask: 1 },
    });
  }

  /** Drags files or folders (absolute paths) over the window, without dropping. */
  async dragOver(paths: string[]): Promise<void> {
    await this.drag('dragEnter', paths);
    await this.drag('dragOver', paths);
    await expect(this.overlay).toBeVisible();
  }

  /** Drags files or folders (absolute paths) over the window and drops them. */
  async drop(paths: string[]): Promise<void> {
    await this.dragOver(paths);
    await this.drag('drop', paths);
    await expect(this.overlay).toBeHidden();
  }

  /** Moves the drag out of the window (Chromium fires dragleave), ending nothing else. */
  async dragOut(paths: string[]): Promise<void> {
    await this.drag('dragOver', paths, -20, -20);
  }

  /** Drops where the pointer is, without checking what the page shows. */
  async release(paths: string[]): Promise<void> {
    await this.drag('drop', paths);
  }
}
