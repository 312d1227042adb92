// The request's heading names its method whole at 1280 and 900 px: the action row beside it
// (Record, Deadline, Send) moves down before the name is cut ("example.UserServic…").
import { test, expect } from './fixtures/workbench.js';
import { textShownWhole } from './pages/layers.js';

test('the request heading shows the method name whole at 1280 and 900 px', async ({
  wb,
  env,
  page,
}) => {
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await expect(wb.methodTitle).toHaveText('example.UserService.GetUser');
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 700 });
    await expect.poll(() => textShownWhole(wb.methodTitle), `at ${width}`).toBe(true);
  }
});
