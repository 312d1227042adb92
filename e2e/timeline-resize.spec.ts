// A timeline scrolled back by hand keeps its place when the window narrows past the mark where
// rows take two lines (--trow-h): the row at the top stays in view, not a row twice as far up.
import { test, expect } from './fixtures/workbench.js';
import { TimelinePage } from './pages/timeline.js';

test.use({ viewport: { width: 1280, height: 700 } });

test('a timeline scrolled back keeps its top row in view when its rows grow to two lines', async ({
  wb,
  env,
  page,
}) => {
  const timeline = new TimelinePage(wb);
  await wb.connect(env.demoAddress);
  await wb.tailToEnd(100, 1);
  // Back up the list by wheel, as a reader does, far from both ends.
  const box = await timeline.list.boundingBox();
  await page.mouse.move((box?.x ?? 0) + 50, (box?.y ?? 0) + 50);
  await page.mouse.wheel(0, -1000);
  // The wheel's scroll lands on a later frame: wait until the top row is one from the middle.
  const topSeq = async (): Promise<number> => {
    const top = (await timeline.rowsInView())[0] ?? '';
    return Number(/"seq":"(\d+)"/.exec(top)?.[1] ?? NaN);
  };
  await expect
    .poll(async () => {
      const seq = await topSeq();
      return seq > 20 && seq < 80;
    }, 'scrolled back, away from both ends')
    .toBe(true);
  const seq = String(await topSeq());

  await page.setViewportSize({ width: 900, height: 700 });
  await expect
    .poll(async () => (await timeline.rowsInView()).join('\n'), 'at 900 px')
    .toContain(`"seq":"${seq}"`);
});
