// The Tests section of the request pane (assertions and captures), the response pane's Tests
// view and the captured values beside the environment.
import { expect, type Locator, type Page } from '@playwright/test';

export class ChecksPage {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole('region', { name: 'Tests' });
  }

  assertionExpression(n: number): Locator {
    return this.page.getByRole('textbox', { name: `Assertion ${n} expression`, exact: true });
  }

  captureExpression(n: number): Locator {
    return this.page.getByRole('textbox', { name: `Capture ${n} expression`, exact: true });
  }

  captureVariable(n: number): Locator {
    return this.page.getByRole('textbox', { name: `Capture ${n} variable`, exact: true });
  }

  /** Adds an assertion and types its expression (replacing the default one). */
  async addAssertion(expr: string): Promise<void> {
    await this.section.getByRole('button', { name: 'Add assertion' }).click();
    const count = await this.section
      .getByRole('list', { name: 'Assertions' })
      .getByRole('listitem')
      .count();
    await this.assertionExpression(count).fill(expr);
    await expect(this.assertionExpression(count)).toHaveText(expr);
  }

  async addCapture(name: string, expr: string): Promise<void> {
    await this.section.getByRole('button', { name: 'Add capture' }).click();
    const count = await this.section
      .getByRole('list', { name: 'Captures' })
      .getByRole('listitem')
      .count();
    await this.captureVariable(count).fill(name);
    await this.captureExpression(count).fill(expr);
  }

  /** The words shown under a refused expression. */
  problemOf(label: string): Locator {
    return this.section.getByRole('alert').filter({ hasText: label });
  }

  /** The response pane's Tests view (its tab says how many passed). */
  async showResults(): Promise<void> {
    await this.page
      .getByRole('tablist', { name: 'Response views' })
      .getByRole('tab', { name: /^Tests / })
      .click();
  }

  get results(): Locator {
    return this.page.getByRole('list', { name: 'Assertion results' });
  }

  /** A failed assertion's value seen at `path` (the results list it as path, value). */
  seen(path: string): Locator {
    return this.results
      .getByRole('term')
      .filter({ hasText: path })
      .locator('xpath=following-sibling::dd[1]');
  }

  captureSecret(n: number): Locator {
    return this.page.getByRole('checkbox', { name: `Capture ${n} secret`, exact: true });
  }

  async openCaptured(): Promise<Locator> {
    await this.page.getByRole('button', { name: /^Captured \(/ }).click();
    const region = this.page.getByRole('region', { name: 'Captured values' });
    await expect(region).toBeVisible();
    return region;
  }
}
