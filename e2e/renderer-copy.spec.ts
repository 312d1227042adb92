// The web target serves this run's copy of the built renderer (fixtures/renderer-copy.ts): what
// dist/renderer holds after the run began — a build someone starts in the same checkout, which
// first empties it — never reaches the page. Without the copy, a page loaded during such a build
// got "The workbench UI is not built" (the once-in-a-while failures of narrow-window and of
// design-review with accessibility).
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures/workbench.js';
import { projectRoot } from './fixtures/target.js';

test('a file written into dist/renderer while the specs run is not served; the page is', async ({
  wb,
  env,
  page,
}) => {
  // The electron target loads dist itself (no web host): this is the web target's check.
  const host = env.host;
  if (host === undefined) throw new Error('only the web target serves a copy of the renderer');
  const name = `written-during-the-run-${randomUUID()}.txt`;
  const inDist = join(projectRoot, 'dist', 'renderer', name);
  writeFileSync(inDist, 'from a build that started after the run');
  try {
    const at = (path: string): string => {
      const url = new URL(host.url);
      url.pathname = `/${path}`;
      return url.href;
    };
    // The same request for a file the build wrote before the run is answered.
    expect((await page.request.get(at('app.js'))).status()).toBe(200);
    expect((await page.request.get(at(name))).status()).toBe(404);
  } finally {
    rmSync(inDist, { force: true });
  }
  await wb.skipWelcome();
  await expect(wb.address).toBeVisible();
});
