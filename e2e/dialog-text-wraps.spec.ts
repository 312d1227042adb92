// A dialog's words wrap inside its box wherever the dialog is mounted. The question before a running
// call is replaced sits in the call's action row, which keeps one line (white-space: nowrap); its
// sentence must not inherit that and run out of the dialog, cut off mid-word.
import { test, expect } from './fixtures/workbench.js';
import { StreamComposerPage } from './pages/stream-composer.js';

test('the “A call is running” question wraps its sentence inside the dialog at 1024 and 1280 px', async ({
  wb,
  env,
  page,
}) => {
  const sc = new StreamComposerPage(wb);
  await wb.connect(env.demoAddress);
  await wb.startTail(0, 200);
  await expect(wb.timeline).toContainText('line 1');
  await sc.headButton('Send').click();
  await expect(sc.newCallDialog).toBeVisible();
  const sentence = sc.newCallDialog.getByText('is still running');
  await expect(sentence).toContainText('starts a new call');
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 760 });
    // Its text is no wider than its box, and its box lies inside the dialog's.
    const fits = await sentence.evaluate((p) => {
      const box = p.closest('form')?.getBoundingClientRect();
      const r = p.getBoundingClientRect();
      return p.scrollWidth <= p.clientWidth + 1 && box !== undefined && r.right <= box.right + 1;
    });
    expect(fits, `the sentence overflows the dialog at ${width} px`).toBe(true);
  }
  await page.screenshot({ path: 'test-results/layout/new-call-dialog.png' });
  await page.keyboard.press('Escape');
  await expect(sc.newCallDialog).toHaveCount(0);
});
