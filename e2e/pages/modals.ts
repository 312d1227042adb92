// The top bar's modal dialogs (Connection settings, Environments), as a keyboard user meets them.
import { expect, type Locator, type Page } from '@playwright/test';
import { tabStaysInside } from './focus.js';

export class ModalPage {
  constructor(
    readonly page: Page,
    /** The top bar button that opens it, e.g. "Connection settings…". */
    readonly openerName: string,
    /** The dialog's accessible name. */
    readonly dialogName: string,
  ) {}

  get opener(): Locator {
    return this.page.getByRole('button', { name: this.openerName });
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: this.dialogName });
  }

  /** Opens it from its button by keyboard, so the button is the opener focus goes back to. */
  async openByKeyboard(): Promise<void> {
    await this.opener.focus();
    await this.page.keyboard.press('Enter');
    await expect(this.dialog).toBeVisible();
    await expect(this.focusInside()).resolves.toBe(true);
  }

  focusInside(): Promise<boolean> {
    return this.dialog.evaluate((el) => el.contains(document.activeElement));
  }

  tabStaysInside(times: number, key: 'Tab' | 'Shift+Tab'): Promise<boolean> {
    return tabStaysInside(this.page, this.dialog, times, key);
  }
}
