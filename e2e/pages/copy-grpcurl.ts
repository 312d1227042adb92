// "Copy as grpcurl" and its "Include secrets" choice, by role and accessible name; the clipboard
// read back (the context must be granted clipboard-read and clipboard-write).
import { expect, type Locator, type Page } from '@playwright/test';

export class CopyGrpcurlPage {
  constructor(readonly page: Page) {}

  get button(): Locator {
    return this.page.getByRole('button', { name: 'Copy as grpcurl', exact: true });
  }
  get includeSecrets(): Locator {
    return this.page.getByRole('checkbox', { name: 'Include secrets', exact: true });
  }
  get toast(): Locator {
    return this.page.locator('.toast[role="alert"]');
  }

  /** Copies (with or without secrets, as asked) and answers what the clipboard then holds. */
  async copy({ includeSecrets }: { includeSecrets: boolean }): Promise<string> {
    await this.includeSecrets.setChecked(includeSecrets);
    // Something else on the clipboard first: what is read back is this copy's, not an older one.
    await this.page.evaluate(() => navigator.clipboard.writeText('(nothing copied)'));
    await this.button.click();
    await expect(this.toast).toContainText('Copied the grpcurl command');
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}
