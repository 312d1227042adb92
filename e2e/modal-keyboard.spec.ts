import { test, expect } from './fixtures/workbench.js';
import { ModalPage } from './pages/modals.js';

// Every modal keeps Tab inside it (renderer/components/useModalFocus.ts): Shift+Tab from the first
// field of Connection settings once walked out to the "Resize panes" splitter behind the overlay,
// where Escape no longer reached the dialog and it stayed open.
for (const [opener, name] of [
  ['Connection settings…', 'Connection settings'],
  ['Environments…', 'Environments'],
] as const) {
  test(`${name}: Shift+Tab and Tab stay inside, Escape closes and focus goes back`, async ({
    wb,
    page,
  }) => {
    await wb.skipWelcome();
    const modal = new ModalPage(page, opener, name);
    await modal.openByKeyboard();
    // Shift+Tab from the field that took focus, then once round the whole dialog each way.
    await expect(modal.tabStaysInside(1, 'Shift+Tab')).resolves.toBe(true);
    await expect(modal.tabStaysInside(40, 'Tab')).resolves.toBe(true);
    await expect(modal.tabStaysInside(40, 'Shift+Tab')).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await expect(modal.dialog).toBeHidden();
    await expect(modal.opener).toBeFocused();
  });
}
