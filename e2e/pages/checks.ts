// The Tests section of the request pane (assertions and captures), the response pane's Tests
// view and the captured values beside the environment.
import { expect, type Locator, type Page } from '@playwright/test';
import type { WorkbenchPage } from './workbench.js';

export class ChecksPage {
  constructor(readonly page: Page) {}

  /**
   * GetUser for user 1 (aged 36), not sent, with an assertion that fails on it
   * (`response.age > 40`) and a capture of the name into `captureName`.
   */
  async prepareFailingGetUser(wb: WorkbenchPage, captureName = 'userName'): Promise<void> {
    await wb.openMethod('example.UserService', 'GetUser');
    await wb.fill('id', '1');
    await this.addAssertion('response.age > 40');
    await this.addCapture(captureName, 'response.name');
  }

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

  /** Row `n` (1-based) of the assertions or the captures: its fields and its tools. */
  row(list: 'Assertions' | 'Captures', n: number): Locator {
    return this.section
      .getByRole('list', { name: list })
      .getByRole('listitem')
      .nth(n - 1);
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

  get capturedButton(): Locator {
    return this.page.getByRole('button', { name: /^Captured \(/ });
  }

  get capturedRegion(): Locator {
    return this.page.getByRole('region', { name: 'Captured values' });
  }

  async openCaptured(): Promise<Locator> {
    await this.capturedButton.click();
    await expect(this.capturedRegion).toBeVisible();
    return this.capturedRegion;
  }

  /** A response view's tab: Response or Timeline, Headers, Trailers. */
  responseView(name: string | RegExp): Locator {
    return this.page.getByRole('tablist', { name: 'Response views' }).getByRole('tab', { name });
  }

  /** The Tests tab, whatever its count (plain "Tests" while the call runs). */
  get resultsTab(): Locator {
    return this.responseView(/^Tests\b/);
  }

  /** What the Tests view says while the call it waits for runs. */
  get running(): Locator {
    return this.page
      .getByRole('region', { name: 'Response' })
      .getByRole('status')
      .filter({ hasText: 'the tests run when the call ends' });
  }

  /** A value the call captured, as the response pane's Tests view shows it. */
  capturedInResults(name: string): Locator {
    return this.page
      .getByRole('term')
      .filter({ hasText: name })
      .locator('xpath=following-sibling::dd[1]');
  }

  /** The Tests section's "Compare with snapshot" (the document's `snapshot` field). */
  get compareWithSnapshot(): Locator {
    return this.section.getByRole('checkbox', { name: 'Compare with snapshot' });
  }

  snapshotIgnorePath(n: number): Locator {
    return this.section.getByRole('textbox', { name: `Snapshot ignore path ${n}`, exact: true });
  }

  /** Types a field path the snapshot comparison leaves out and adds it to the list. */
  async addSnapshotIgnorePath(path: string): Promise<void> {
    await this.section.getByRole('textbox', { name: 'New snapshot ignore path' }).fill(path);
    await this.section.getByRole('button', { name: 'Add ignore path' }).click();
  }

  async removeSnapshotIgnorePath(n: number): Promise<void> {
    await this.section.getByRole('button', { name: `Remove snapshot ignore path ${n}` }).click();
  }
}
