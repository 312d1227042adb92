// What the user types into the file browser's Folder field is theirs: the listing of the folder it
// opened in, answering after they started typing (a big folder lists slowly), shows its entries
// but does not put its own path back into the field. The WebSocket is routed so that the first
// listing's answer is held until the folder has been typed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, WebSocketRoute } from '@playwright/test';
import { test, expect } from './fixtures/workbench.js';
import { FileBrowserPage } from './pages/file-browser.js';
import type { WorkbenchPage } from './pages/workbench.js';

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gwb-e2e-typed-'));
  mkdirSync(join(dir, 'start'));
  mkdirSync(join(dir, 'typed'));
  writeFileSync(join(dir, 'typed', 'wanted.proto'), 'syntax = "proto3";\n');
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Forwards everything but the first files.list answer, which waits for `release()`. */
function holdFirstListing(): { route: (ws: WebSocketRoute) => void; release: () => void } {
  let held: (() => void) | undefined;
  let released = false;
  return {
    route: (ws) => {
      const server = ws.connectToServer();
      let firstListing: unknown;
      ws.onMessage((message) => {
        const envelope = JSON.parse(String(message)) as { t: string; id: unknown; name?: string };
        if (envelope.t === 'call' && envelope.name === 'files.list' && firstListing === undefined)
          firstListing = envelope.id;
        server.send(message);
      });
      server.onMessage((message) => {
        const envelope = JSON.parse(String(message)) as { t: string; id?: unknown };
        const isFirst = envelope.t !== 'event' && envelope.id === firstListing;
        if (isFirst && !released) held = () => ws.send(message);
        else ws.send(message);
      });
    },
    release: () => {
      released = true;
      held?.();
    },
  };
}

/**
 * Opens the proto files' browser with its first listing held (release() lets it answer); the
 * browser opens in the folder used last: here `start`, not the one the tests type.
 */
async function browseWithFirstListingHeld(
  wb: WorkbenchPage,
  page: Page,
): Promise<{ files: FileBrowserPage; first: ReturnType<typeof holdFirstListing> }> {
  const first = holdFirstListing();
  await page.routeWebSocket(/.*/, first.route);
  await page.reload();
  await page.evaluate(
    (start) => localStorage.setItem('gwb.fileBrowserDir', start),
    join(dir, 'start'),
  );
  const files = new FileBrowserPage(page);
  await wb.skipWelcome();
  await files.openSettings('protoFiles');
  await files.browse('proto files');
  return { files, first };
}

test('a folder typed while the first listing is on its way stays in the field', async ({
  wb,
  page,
}) => {
  const { files, first } = await browseWithFirstListingHeld(wb, page);
  await files.typeFolder(join(dir, 'typed'));
  first.release();
  // The first listing is in (its folder's contents are shown) and the typed folder is still there.
  await expect(files.contents).toHaveAccessibleName(`Contents of ${join(dir, 'start')}`);
  await expect(files.folder).toHaveValue(join(dir, 'typed'));
  // Opening it lists the typed folder.
  await files.openTypedFolder();
  await expect(files.file('wanted.proto')).toBeVisible();
  await expect(files.folder).toHaveValue(join(dir, 'typed'));
});

// Playwright's fill() and a user's click-and-type both select the field's text and then type; the
// first listing answering in between used to put its path there and the typed path was added
// after it (`/root/tmp/…`). The selection now survives the listing, so typing replaces its path.
test('a field selected when the first listing answers is replaced by what is typed next', async ({
  wb,
  page,
}) => {
  const { files, first } = await browseWithFirstListingHeld(wb, page);
  await files.folder.focus();
  await files.folder.selectText();
  first.release();
  await expect(files.folder).toHaveValue(join(dir, 'start'));
  await page.keyboard.insertText(join(dir, 'typed'));
  await expect(files.folder).toHaveValue(join(dir, 'typed'));
  await files.openTypedFolder();
  await expect(files.file('wanted.proto')).toBeVisible();
});
