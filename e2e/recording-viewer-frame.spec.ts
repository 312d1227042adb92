// The recording viewer is a drawer over the request and response: every dialog opens over it
// (Connection settings opened with a recording open takes the click and the typing), and its
// title shows the counts and the status, not cut off beside empty room. The layers' order is set
// once (styles.css :root, --layer-*); each check fails without its fix.
import { test, expect } from './fixtures/workbench.js';
import { loadSchemaFromSettings, openConnectionSettings } from './pages/connection-settings.js';
import { onTop, textShownWhole } from './pages/layers.js';
import { RecordingsPanel } from './pages/recordings.js';

test.use({ viewport: { width: 1280, height: 800 } });

test.beforeEach(async ({ wb, env, page }) => {
  await wb.connect(env.demoAddress);
  await wb.tailToEnd(2, 1);
  const rec = new RecordingsPanel(page);
  await rec.show();
  await rec.open();
});

test('Connection settings opens over an open recording: Load schema takes the click', async ({
  page,
}) => {
  const settings = await openConnectionSettings(page);
  const address = settings.getByRole('textbox', { name: 'Address' });
  await expect(address).toBeFocused();
  for (const control of [address, settings.getByRole('button', { name: 'Load schema' })])
    expect(await onTop(control)).toBe(true);
  await loadSchemaFromSettings(page);
});

test("the recording viewer's title shows its counts and status whole at 1280 px", async ({
  page,
}) => {
  const rec = new RecordingsPanel(page);
  await expect(rec.viewerTitle).toContainText('OK');
  expect(await textShownWhole(rec.viewerTitle)).toBe(true);
});
