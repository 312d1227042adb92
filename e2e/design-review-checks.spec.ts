// The design-review page objects checked against small pages of known layout: what they must
// report, they report.
import { test, expect } from './fixtures/workbench.js';
import { clippedInside } from './pages/design-review.js';

const CUT = 'display:block;width:60px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis';

test('clippedInside excuses cut text only where the nearest title says that text', async ({
  page,
}) => {
  await page.setContent(`
    <div id="other" title="Pick a method first"><span style="${CUT}">example.UserService/GetUser</span></div>
    <div id="same" title="on example.UserService/GetUser"><span style="${CUT}">example.UserService/GetUser</span></div>
  `);
  // A title about something else never shows the cut text whole.
  expect(await clippedInside(page.locator('#other'))).toEqual([
    'span "example.UserService/GetUser"',
  ]);
  expect(await clippedInside(page.locator('#same'))).toEqual([]);
});
