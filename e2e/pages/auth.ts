// The request's Auth section, by role and accessible name, in the user's words.
import { expect, type Locator, type Page } from '@playwright/test';
import { axeViolations } from './accessibility.js';

export type AuthTypeLabel =
  | 'Inherit from folder'
  | 'None'
  | 'Bearer token'
  | 'Basic (user + password)'
  | 'API key in a header'
  | 'OAuth2 client credentials';

export class AuthPage {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole('region', { name: 'Auth' });
  }
  get type(): Locator {
    return this.section.getByRole('combobox', { name: 'Auth type' });
  }
  field(label: string): Locator {
    return this.section.getByLabel(label, { exact: true });
  }

  async choose(type: AuthTypeLabel): Promise<void> {
    await this.type.selectOption({ label: type });
  }

  /** The Auth… dialog of a collection or folder in the Collections tree: Bearer `token`, saved. */
  async setFolderBearer(folder: string, token: string): Promise<void> {
    const tree = this.page.getByRole('tree', { name: 'Collections' });
    await tree
      .getByRole('treeitem', { name: folder, exact: true })
      .getByRole('button', { name: `Actions for ${folder}` })
      .first()
      .click();
    await this.page
      .getByRole('menu', { name: `Actions for ${folder}` })
      .getByRole('menuitem', { name: 'Auth…' })
      .click();
    const dialog = this.page.getByRole('dialog', { name: `Auth of ${folder}` });
    await dialog
      .getByRole('combobox', { name: 'Auth type' })
      .selectOption({ label: 'Bearer token' });
    await dialog.getByLabel('Token', { exact: true }).fill(token);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  async useBearer(token: string): Promise<void> {
    await this.choose('Bearer token');
    await this.field('Token').fill(token);
  }
}

/**
 * axe-core (WCAG 2.1 A/AA) over the Auth section only, the serious and critical findings as
 * `id: target` (the rest of the page is checked by accessibility.spec.ts).
 */
export async function authAxeFindings(page: Page): Promise<string[]> {
  await axeViolations(page); // loads axe into the page
  return page.evaluate(async () => {
    interface Result {
      violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
    }
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<Result> } })
      .axe;
    const result = await axe.run('section[aria-label="Auth"]', {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}
