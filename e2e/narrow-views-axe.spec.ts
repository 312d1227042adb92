// The views as a 900 px window lays them out (two-line timeline rows, the event detail's wrapped
// head, the recording viewer beside the Recordings panel with a mock running, Connection settings
// with its buttons held at its foot): axe finds no WCAG A/AA violation there, in both themes.
import { test, expect } from './fixtures/workbench.js';
import { axeViolations } from './pages/accessibility.js';
import { openConnectionSettings } from './pages/connection-settings.js';
import { RecordingsPanel } from './pages/recordings.js';
import { TimelinePage } from './pages/timeline.js';

test.use({ viewport: { width: 900, height: 700 } });

for (const theme of ['light', 'dark'] as const) {
  test(`axe at 900 px: a stream's timeline and detail, a recording with its mock, Connection settings (${theme})`, async ({
    wb,
    env,
    page,
  }) => {
    const timeline = new TimelinePage(wb);
    const rec = new RecordingsPanel(page);
    await wb.connect(env.demoAddress);
    await wb.chooseTheme(theme);
    await wb.tailToEnd(3, 1);
    await timeline.rows.filter({ hasText: '"seq":"2"' }).click();
    await expect(timeline.detailHeading).toHaveText('2nd message received');
    expect(await axeViolations(page), 'timeline').toEqual([]);

    await rec.show();
    await rec.open();
    await rec.serveAsMock();
    expect(await axeViolations(page), 'recording').toEqual([]);
    await rec.close();

    const settings = await openConnectionSettings(page);
    await expect(settings).toBeVisible();
    expect(await axeViolations(page), 'settings').toEqual([]);
  });
}
