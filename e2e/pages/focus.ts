// A modal keeps Tab inside it: the one check the page objects of modal views share.
import type { Locator, Page } from '@playwright/test';

/** Presses Tab (or Shift+Tab) `times` times; false as soon as focus leaves `inside`. */
export async function tabStaysInside(
  page: Page,
  inside: Locator,
  times: number,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
): Promise<boolean> {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    if (!(await inside.evaluate((el) => el.contains(document.activeElement)))) return false;
  }
  return true;
}
