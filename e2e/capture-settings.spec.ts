// The Capture settings dialog on its own: the target's connection and the clients' TLS row with a
// certificate and key chosen, checked by axe in both themes and pictured (the TLS row filled).
import { rmSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures/workbench.js';
import { makeCerts } from './fixtures/certs.js';
import { axeViolations } from './pages/accessibility.js';
import { CapturePanel } from './pages/capture.js';

/** The two elements start in the dialog's same column (within the checkbox's own margin). */
async function expectSameLeft(a: Locator, b: Locator): Promise<void> {
  const [boxA, boxB] = await Promise.all([a.boundingBox(), b.boundingBox()]);
  expect(Math.abs((boxA?.x ?? -100) - (boxB?.x ?? 100))).toBeLessThanOrEqual(6);
}

for (const theme of ['light', 'dark'] as const) {
  test(`the Capture settings dialog with its TLS row filled passes axe (${theme})`, async ({
    wb,
    env,
    page,
  }) => {
    const certs = makeCerts();
    try {
      const capture = new CapturePanel(page);
      await wb.connect(env.demoAddress);
      await wb.chooseTheme(theme);
      await capture.show();
      await capture.openSettings();
      expect(await axeViolations(page)).toEqual([]);
      await capture.serveTls(certs.dir, 'server.pem', 'server.key');
      await expect(capture.listenerFile('Certificate file')).toHaveValue(`${certs.dir}/server.pem`);
      await expect(capture.listenerFile('Key file')).toHaveValue(`${certs.dir}/server.key`);
      expect(await axeViolations(page)).toEqual([]);
      // The checkboxes stand in the field column, their words on a line or two, not squeezed
      // into the label column beside an empty field.
      await expectSameLeft(capture.settingsCheckbox(/TLS with/), capture.listenerFile('Key file'));
      await expectSameLeft(
        capture.settingsCheckbox(/Unix socket/),
        capture.settings.getByRole('textbox', { name: 'Address' }),
      );
      await capture.settings.screenshot({ path: `test-results/capture/settings-tls-${theme}.png` });
      await capture.closeSettings();
    } finally {
      rmSync(certs.dir, { recursive: true, force: true });
    }
  });
}
