// The file browser shows the folder the user asked for last: the listing of the folder it opened
// in can answer after the one typed (a big folder lists slowly) and must not replace it. The
// WebSocket is routed so that the first listing's answer arrives right after the second's.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebSocketRoute } from '@playwright/test';
import { test, expect } from './fixtures/workbench.js';
import { FileBrowserPage } from './pages/file-browser.js';

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gwb-e2e-order-'));
  mkdirSync(join(dir, 'protos'));
  copyFileSync(join('resources', 'protos', 'example.proto'), join(dir, 'protos', 'example.proto'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Forwards everything, but holds the first files.list answer until the next one has gone. */
function firstListingAnswersLast(ws: WebSocketRoute): void {
  const server = ws.connectToServer();
  const listings: unknown[] = [];
  let held: string | undefined;
  ws.onMessage((message) => {
    const envelope = JSON.parse(String(message)) as { t: string; id: unknown; name?: string };
    if (envelope.t === 'call' && envelope.name === 'files.list') listings.push(envelope.id);
    server.send(message);
  });
  server.onMessage((message) => {
    const envelope = JSON.parse(String(message)) as { t: string; id?: unknown };
    const index = envelope.t === 'event' ? -1 : listings.indexOf(envelope.id);
    if (index === 0 && held === undefined) {
      held = String(message);
      return;
    }
    ws.send(message);
    if (index === 1 && held !== undefined) ws.send(held);
  });
}

test('a folder typed while the first one still lists is the one shown', async ({ wb, page }) => {
  await page.routeWebSocket(/.*/, firstListingAnswersLast);
  await page.reload();
  const files = new FileBrowserPage(page);
  await wb.skipWelcome();
  await files.openSettings('protoFiles');
  await files.browse('proto files');
  await files.goTo(join(dir, 'protos'));
  await expect(files.file('example.proto')).toBeVisible();
  await expect(files.folder).toHaveValue(join(dir, 'protos'));
  // One more listing: its answer comes after the held one, which has been handled by then.
  await files.showHidden();
  await expect(files.folder).toHaveValue(join(dir, 'protos'));
  await expect(files.file('example.proto')).toBeVisible();
});
