// Connection settings, the dialog the request toolbar's "Connection settings…" button opens: the
// one way page objects find it, open it (choosing a schema source or security on the way) and
// load the schema from it.
import { expect, type Locator, type Page } from '@playwright/test';

export type SchemaSourceChoice = 'reflection' | 'protoFiles' | 'descriptorSet';

export function connectionSettings(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Connection settings' });
}

/** Opens the dialog, then chooses what is asked in it; answers the dialog. */
export async function openConnectionSettings(
  page: Page,
  choose: { schemaSource?: SchemaSourceChoice; security?: 'tls' } = {},
): Promise<Locator> {
  await page.getByRole('button', { name: 'Connection settings…' }).click();
  const dialog = connectionSettings(page);
  if (choose.schemaSource !== undefined)
    await dialog.getByRole('combobox', { name: 'Schema source' }).selectOption(choose.schemaSource);
  if (choose.security !== undefined)
    await dialog.getByRole('combobox', { name: 'Security' }).selectOption(choose.security);
  return dialog;
}

/** "Load schema": the dialog closes once the schema is loaded. */
export async function loadSchemaFromSettings(page: Page): Promise<void> {
  const dialog = connectionSettings(page);
  await dialog.getByRole('button', { name: 'Load schema' }).click();
  await expect(dialog).toBeHidden();
}
