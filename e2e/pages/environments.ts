// The environment switcher in the top bar and the environment editor dialog.
import { expect, type Locator, type Page } from '@playwright/test';

export interface VariableInput {
  name: string;
  value: string;
  secret?: boolean;
}

export class EnvironmentsPage {
  constructor(readonly page: Page) {}

  get switcher(): Locator {
    return this.page.getByRole('combobox', { name: 'Environment', exact: true });
  }

  /** The warning that lists unknown variables of the active tab before sending. */
  get unknownNote(): Locator {
    return this.page.getByRole('note', { name: 'Unknown variables' });
  }

  get editor(): Locator {
    return this.page.getByRole('dialog', { name: 'Environments' });
  }

  async openEditor(): Promise<void> {
    await this.page.getByRole('button', { name: 'Environments…' }).click();
    await expect(this.editor).toBeVisible();
  }

  /** Creates an environment with these variables and closes the editor. */
  async create(name: string, variables: VariableInput[]): Promise<void> {
    await this.openEditor();
    const d = this.editor;
    await d.getByLabel('Edit environment').selectOption({ label: 'New environment…' });
    await d.getByLabel('Environment name').fill(name);
    for (const [i, v] of variables.entries()) {
      if (i > 0) await d.getByRole('button', { name: 'Add variable' }).click();
      await d.getByLabel(`Variable ${i + 1} name`).fill(v.name);
      if (v.secret) await d.getByLabel(`Variable ${i + 1} secret`).check();
      await d.getByLabel(`Variable ${i + 1} value`).fill(v.value);
    }
    await d.getByRole('button', { name: 'Save environment' }).click();
    await expect(d.getByLabel('Edit environment')).toHaveValue(name);
    await d.getByRole('button', { name: 'Close' }).click();
    await expect(d).toBeHidden();
  }

  async select(name: string): Promise<void> {
    await this.switcher.selectOption(name === '' ? '' : { label: name });
  }

  /** The value field of variable `n` (1-based) in the open editor. */
  valueField(n: number): Locator {
    return this.editor.getByLabel(`Variable ${n} value`);
  }
}
