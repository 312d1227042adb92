// The page object for honest forms: the request form's fields with what is wrong beside them, the
// JSON editor's cursor and marks, a blocked Send. Built over WorkbenchPage; specs never touch
// selectors.
import { expect, type Locator, type Page } from '@playwright/test';
import type { WorkbenchPage } from './workbench.js';
import { axeViolations, type AxeViolation } from './accessibility.js';

export class FormsPage {
  readonly page: Page;
  constructor(readonly wb: WorkbenchPage) {
    this.page = wb.page;
  }

  /** A field of the request form by its accessible name (the proto field name). */
  field(name: string): Locator {
    return this.wb.request.getByLabel(name, { exact: true });
  }
  /** What the form says is wrong with a field: the text its aria-describedby points at. */
  async problemOf(field: Locator): Promise<string> {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    const id = await field.getAttribute('aria-describedby');
    if (!id) throw new Error('the invalid field has no aria-describedby');
    return (await this.page.locator(`[id="${id}"]`).textContent()) ?? '';
  }
  /** Opens or closes a nested message by its field name and full type. */
  async open(label: string, typeName: string): Promise<void> {
    await this.summary(label, typeName).click();
  }
  /** Clears the first nested message of that field name (it becomes "not set"). */
  async clear(label: string): Promise<void> {
    await this.wb.request
      .getByRole('button', { name: `Clear ${label}`, exact: true })
      .first()
      .click();
  }
  /** The summary line of a nested message (its first, where the form shows several). */
  summary(label: string, typeName: string): Locator {
    const short = typeName.slice(typeName.lastIndexOf('.') + 1);
    return this.wb.request.getByLabel(new RegExp(`^${label}: ${short}\\b`)).first();
  }
  /** Clicks Send; the request either starts or is refused with a reason. */
  async send(): Promise<void> {
    await this.wb.send();
  }
  /** The reason a send was refused, above the request. */
  get sendError(): Locator {
    return this.wb.request.getByRole('alert');
  }
  async example(): Promise<void> {
    await this.wb.request.getByRole('button', { name: 'Example' }).click();
  }
  async view(which: 'Form' | 'JSON'): Promise<void> {
    if (which === 'Form') await this.wb.showForm();
    else await this.wb.showJson();
  }
  get json(): Locator {
    return this.wb.jsonEditor;
  }
  /** The request JSON as parsed from the editor's text. */
  async jsonValue(): Promise<Record<string, unknown>> {
    return JSON.parse(await this.wb.requestJsonText()) as Record<string, unknown>;
  }
  /** The text the JSON editor's cursor has selected (where a blocked send put it). */
  selectedJsonText(): Promise<string> {
    return this.json.evaluate(() => window.getSelection()?.toString() ?? '');
  }
  /** The JSON editor's error marks (CodeMirror's lint ranges) over the given text. */
  jsonMark(text: string): Locator {
    return this.json.locator('.cm-lintRange-error', { hasText: text });
  }
  /** The message said under the JSON editor, which the editor's aria-describedby points at. */
  async jsonProblem(): Promise<string> {
    return this.problemOf(this.json);
  }
  /**
   * The serious or critical axe findings inside the request form (the rest of the page has its
   * own specs).
   */
  async axeInForm(): Promise<AxeViolation[]> {
    const inForm: AxeViolation[] = [];
    for (const v of await axeViolations(this.page)) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue;
      const targets: string[] = [];
      for (const t of v.targets)
        if (
          await this.page
            .locator(t)
            .first()
            .evaluate((el) => !!el.closest('.pane-body'))
        )
          targets.push(t);
      if (targets.length) inForm.push({ ...v, targets });
    }
    return inForm;
  }
  /** The hint that proto3 cannot tell a default from "not set". */
  presenceHint(field: string): Locator {
    return this.field(field)
      .locator('xpath=ancestor::div[contains(@class,"form-field")][1]')
      .getByText('is not sent: the server sees "not set"');
  }
  /** The prepared-message list of a client-stream request. */
  async addMessage(): Promise<void> {
    await this.wb.addMessage();
  }
  async pickMessage(n: number): Promise<void> {
    await this.wb.pickMessage(n);
  }
  get messageTitle(): Locator {
    return this.wb.request.getByRole('heading', { name: /^Message \d+$/ });
  }
}
