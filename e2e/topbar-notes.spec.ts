// The top bar holds notes that come and go (an unknown {{variable}}, verification off). However long
// a note's text, the bar keeps one line at 1024 px and every control stays in the window: the note
// gives way (cut with an ellipsis, its whole text as its tooltip), never the theme or environment.
import { expect, test } from './fixtures/workbench.js';
import { LayoutPage } from './pages/layout.js';

test('a long unknown-variable note keeps the top bar on one line with every control in view at 1024 px', async ({
  wb,
  env,
  page,
}) => {
  const layout = new LayoutPage(page);
  await page.setViewportSize({ width: 1024, height: 700 });
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', '{{a_rather_long_variable_name_nobody_has_defined_anywhere}}');
  const note = page.getByRole('note', { name: 'Unknown variables' });
  await expect(note).toBeVisible();
  await expect(note).toHaveAttribute('title', /a_rather_long_variable_name/);
  expect(await layout.topBarRows()).toBe(1);
  expect(await layout.topBarOverflows()).toBe(false);
  for (const control of [
    page.getByRole('combobox', { name: 'Theme' }),
    page.getByRole('combobox', { name: 'Environment' }),
    page.getByRole('button', { name: 'Environments…' }),
    page.getByRole('button', { name: 'Load by reflection' }),
    note,
  ])
    expect(await layout.inWindow(control)).toBe(true);
  await page.screenshot({ path: 'test-results/layout/topbar-note-1024.png' });
});
