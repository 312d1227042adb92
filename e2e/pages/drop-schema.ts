// Dropping files on the window: real drags through Chromium's own drag-and-drop (CDP
// Input.dispatchDragEvent with paths on disk, folders included, as the OS hands them over), the
// highlight while dragging, the announcement, and what the drop says afterwards.
import { expect, type CDPSession, type Locator, type Page } from '@playwright/test';

const INSIDE = { x: 600, y: 400 };
const OUTSIDE = { x: -20, y: -20 };

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

  /** Where the drag's pointer is: where the last drag event was sent. */
  private pointer = INSIDE;

  private async drag(
    type: 'dragEnter' | 'dragOver' | 'drop',
    files: string[],
    at: { x: number; y: number } = this.pointer,
  ) {
    this.pointer = at;
    const cdp = await this.session();
    await cdp.send('Input.dispatchDragEvent', {
      type,
      ...at,
      data: { items: [], files, dragOperationsMask: 1 },
    });
  }

  /** Drags files or folders (absolute paths) over the window, without dropping. */
  async dragOver(paths: string[]): Promise<void> {
    await this.drag('dragEnter', paths, INSIDE);
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
    await this.drag('dragOver', paths, OUTSIDE);
  }

  /** Ends the drag with a drop inside the window, without checking what the page shows (the
   *  spec waits for what the page then says). After dragOut the drag comes back in first, as a
   *  user's would: Chromium enters the page again before the drop. */
  async release(paths: string[]): Promise<void> {
    await this.drag('dragOver', paths, INSIDE);
    await this.drag('drop', paths);
  }
}
