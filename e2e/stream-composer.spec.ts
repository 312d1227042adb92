// Streams the user composes (issue 14, part 3): the prepared messages as an editable list, the
// composer of an open stream in the same schema-aware editor, buttons that say what they do, a
// question before a running call is replaced, and a timeline whose rows, headers and detail work.
import { test, expect } from './fixtures/workbench.js';
import { StreamComposerPage } from './pages/stream-composer.js';

test('the first visible row of a filtered timeline opens its detail', async ({ wb, env }) => {
  const sc = new StreamComposerPage(wb);
  await wb.connect(env.demoAddress);
  await wb.openMethod('example.ChatService', 'Chat');
  await wb.fill('sender', 'Ada');
  await wb.fill('content', 'hi');
  await wb.send();
  await expect(wb.timeline).toContainText('Hello, Ada!');
  await sc.filterTimeline('Hello');
  await expect(sc.rows.filter({ visible: true })).toHaveCount(1);
  // A bound, not a wait: a covered row never becomes clickable, and the click says what covers it.
  await sc.rows.filter({ hasText: 'Hello, Ada!' }).click({ timeout: 5000 });
  await expect(sc.detail).toContainText('Hello, Ada!');
});
