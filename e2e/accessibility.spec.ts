import { test, expect } from './fixtures/workbench.js';
import { axeViolations, type AxeViolation } from './pages/accessibility.js';

/**
 * Violations axe reports today that are not fixed yet, each with why; anything else fails, and an
 * entry that no longer shows up fails too (so the list only shrinks). Tracked in the session note.
 */
const KNOWN: Record<string, string> = {
  'aria-required-children':
    'the tab bar (tablist) holds each tab’s Close button and the New tab button; the sub-tabs hold the Example/Copy buttons',
  'nested-interactive': 'each tab (role=tab) contains its Close button',
  'label-content-name-mismatch':
    'service tree items are named by the method/service alone while their text also shows the kind badge (UNARY …)',
};

function unexpected(found: AxeViolation[]): AxeViolation[] {
  return found.filter((v) => !(v.id in KNOWN));
}

// The views this redesign added — tabs with the unsaved mark, the message list of a client
// stream, the close question, the connection settings — checked by axe in both themes.
for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no new WCAG A/AA violation in the tabs, message list and dialogs (${theme})`, async ({
    wb,
    env,
    page,
  }) => {
    await wb.connect(env.demoAddress);
    await wb.chooseTheme(theme);
    await wb.openMethod('example.BatchService', 'Upload');
    await wb.fill('key', 'a');
    await wb.addMessage();
    await wb.fill('key', 'b');
    await expect(wb.unsavedMark(/Upload/)).toBeVisible();
    const main = await axeViolations(page);
    expect(unexpected(main)).toEqual([]);
    expect(main.map((v) => v.id).sort()).toEqual(Object.keys(KNOWN).sort());

    await wb.closeTab('Upload');
    await expect(wb.closeDialog).toBeVisible();
    expect(unexpected(await axeViolations(page))).toEqual([]);
    await wb.closeDialog.getByRole('button', { name: 'Keep open' }).click();

    await page.getByRole('button', { name: 'Connection settings…' }).click();
    await expect(page.getByRole('dialog', { name: /Connection/ })).toBeVisible();
    expect(unexpected(await axeViolations(page))).toEqual([]);
  });
}
