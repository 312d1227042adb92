// Files are chosen, not typed: the web host browses the machine it runs on, filtered to what the
// field wants; a relative path says where it starts.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures/workbench.js';
import { FileBrowserPage } from './pages/file-browser.js';
import { axeViolations } from './pages/accessibility.js';

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gwb-e2e-files-'));
  mkdirSync(join(dir, 'protos'));
  copyFileSync(join('resources', 'protos', 'example.proto'), join(dir, 'protos', 'example.proto'));
  writeFileSync(join(dir, 'protos', 'readme.txt'), 'not a proto');
  writeFileSync(join(dir, 'protos', '.draft.proto'), 'syntax = "proto3";');
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('proto files are chosen in the file browser, filtered to .proto, and load', async ({
  wb,
  page,
}) => {
  const files = new FileBrowserPage(page);
  await wb.skipWelcome();
  await files.openSettings('protoFiles');
  await files.browse('proto files');
  await files.goTo(dir);
  await files.openFolder('protos');
  await expect(files.folder).toHaveValue(join(dir, 'protos'));
  await expect(files.file('example.proto')).toBeVisible();
  await expect(files.contents).not.toContainText('readme.txt');
  await expect(files.contents).not.toContainText('.draft.proto');
  await files.showHidden();
  await expect(files.file('.draft.proto')).toBeVisible();
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    const serious = [];
    for (const v of await axeViolations(page))
      if (v.impact === 'serious' || v.impact === 'critical') {
        const inside = await files.inBrowser(v.targets);
        if (inside.length > 0) serious.push({ id: v.id, targets: inside });
      }
    expect(serious).toEqual([]);
    await page.screenshot({ path: `test-results/layout/file-browser-${theme}.png` });
  }
  await files.tick('example.proto');
  await files.choose();
  await expect(files.protoFiles).toHaveValue(join(dir, 'protos', 'example.proto'));

  await files.browse('an import path');
  // It opens where the chosen file is.
  await expect(files.folder).toHaveValue(join(dir, 'protos'));
  await files.choose();
  await expect(files.importPaths).toHaveValue(join(dir, 'protos'));
  await expect(files.relativeNote).toBeHidden();
  await files.loadSchema();
  await expect(wb.service('example.UserService')).toBeVisible();
});

test('a folder that cannot be listed says which and why; a relative path says where it starts', async ({
  wb,
  page,
}) => {
  const files = new FileBrowserPage(page);
  await wb.skipWelcome();
  await files.openSettings('protoFiles');
  await files.browse('proto files');
  await files.goTo(join(dir, 'missing'));
  await expect(files.browser.getByRole('alert')).toHaveText(
    `The folder ${join(dir, 'missing')} cannot be listed: it does not exist.`,
  );
  await page.keyboard.press('Escape');
  await expect(files.browser).toBeHidden();
  // Escape closed the browser only.
  await expect(files.settings).toBeVisible();

  await files.protoFiles.fill('protos/example.proto');
  await expect(files.relativeNote).toContainText('Relative paths start in the workspace folder');
});
