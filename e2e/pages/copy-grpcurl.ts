// "Copy as grpcurl" and its "Include secrets" choice, by role and accessible name; the clipboard
// read back (the context must be granted clipboard-read and clipboard-write).
import { expect, type Locator, type Page } from '@playwright/test';
import { axeViolations } from './accessibility.js';

export class CopyGrpcurlPage {
  constructor(readonly page: Page) {}

  get button(): Locator {
    return this.page.getByRole('button', { name: 'Copy as grpcurl', exact: true });
  }
  get includeSecrets(): Locator {
    return this.page.getByRole('checkbox', { name: 'Include secrets', exact: true });
  }
  /** The alert a copy shows: what was copied, or why nothing was. */
  get toast(): Locator {
    return this.page.getByRole('alert').filter({ hasText: /copied/i });
  }

  /** Copies (with or without secrets, as asked) and answers what the clipboard then holds. */
  async copy({ includeSecrets }: { includeSecrets: boolean }): Promise<string> {
    await this.includeSecrets.setChecked(includeSecrets);
    return this.copyAsItIs();
  }

  /** Copies with the choice as it stands and answers what the clipboard then holds. */
  async copyAsItIs(): Promise<string> {
    // Something else on the clipboard first: what is read back is this copy's, not an older one.
    const before = '(nothing copied)';
    await this.page.evaluate((text) => navigator.clipboard.writeText(text), before);
    await this.button.click();
    // Waits for the clipboard, not the toast: an earlier copy's toast may still be showing.
    const read = (): Promise<string> => this.page.evaluate(() => navigator.clipboard.readText());
    await expect.poll(read).not.toBe(before);
    await expect(this.toast).toContainText('Copied the grpcurl command');
    return read();
  }

  /** From now on the page's clipboard refuses every write, as one without permission does. */
  async refuseClipboard(): Promise<void> {
    await this.page.evaluate(() => {
      Object.defineProperty(navigator.clipboard, 'writeText', {
        configurable: true,
        value: () =>
          Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
      });
    });
  }
}

/** axe's serious and critical WCAG A/AA findings in the Copy group (button and choice), as ids. */
export async function copyGroupAxeFindings(page: Page): Promise<string[]> {
  await axeViolations(page); // loads axe into the page
  return page.evaluate(async () => {
    type Found = { violations: { id: string; impact: string | null }[] };
    const { axe } = window as unknown as {
      axe: { run: (c: string, o: unknown) => Promise<Found> };
    };
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
    const found = await axe.run('.copy-grpcurl', { runOnly: { type: 'tag', values: tags } });
    return found.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id);
  });
}
