// Files are chosen, not typed — or dropped: .proto files (a folder of them too) and descriptor
// sets dropped on the window load into the active tab through the engine's own loaders, with
// errors in words (file, line, column; every missing import at once); anything else is refused by
// name. Real drags: Chromium's own drag-and-drop with files on disk (see pages/drop-schema.ts).
import { create, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/workbench.js';
import { DropSchemaPage } from './pages/drop-schema.js';
import { axeViolations } from './pages/accessibility.js';
import { loadProtoFiles } from '../main/schema/index.js';

const example = readFileSync(join('resources', 'protos', 'example.proto'), 'utf8');

let dir: string;
const at = (...parts: string[]): string => join(dir, ...parts);
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gwb-e2e-drop-'));
  // The demo's own schema, importing a file from a folder beside it: a folder drop resolves it.
  mkdirSync(at('protos', 'common'), { recursive: true });
  writeFileSync(
    at('protos', 'example.proto'),
    example.replace(
      'import "google/protobuf/timestamp.proto";',
      'import "google/protobuf/timestamp.proto";\nimport "common/note.proto";',
    ),
  );
  writeFileSync(
    at('protos', 'common', 'note.proto'),
    'syntax = "proto3";\npackage example.common;\nmessage Note { string text = 1; }\n',
  );
  writeFileSync(at('protos', 'README.md'), '# not a schema');
  const compiled = loadProtoFiles({ files: [join('resources', 'protos', 'example.proto')] });
  writeFileSync(
    at('example.protoset'),
    toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: compiled.files })),
  );
  writeFileSync(at('broken.proto'), 'syntax = "proto3";\nmessage A {\n  string x = ;\n}\n');
  writeFileSync(
    at('lonely.proto'),
    'syntax = "proto3";\nimport "common/note.proto";\nimport "more/other.proto";\nmessage L {}\n',
  );
  writeFileSync(at('notes.txt'), 'not a schema');
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a dropped folder loads its .proto files with their imports, calls work, and a reload says it must be dropped again', async ({
  wb,
  page,
  env,
}) => {
  const drop = new DropSchemaPage(page);
  await wb.skipWelcome();
  await wb.address.fill(env.demoAddress);
  await drop.drop([at('protos')]);
  await expect(wb.service('example.UserService')).toBeVisible();
  await expect(drop.announcement).toHaveText(
    /^Loaded the schema of protos\/common\/note\.proto and protos\/example\.proto: 5 services\. 1 other file in the dropped folder left out\./,
  );
  await expect(drop.notice).toContainText('Schema from the dropped files');
  await expect(drop.notice).toContainText(
    `after a reload this tab loads its own source again (server reflection on ${env.demoAddress})`,
  );
  await expect(drop.notice).toContainText('1 other file in the dropped folder left out.');
  for (const theme of ['light', 'dark'] as const) {
    await wb.chooseTheme(theme);
    const serious = (await axeViolations(page)).filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious).toEqual([]);
  }

  await wb.getUser('1');

  // The tab is in the stored session (written half a second after a change) before the reload.
  const session = join(env.dataDir, 'session.json');
  await expect
    .poll(() => (existsSync(session) ? readFileSync(session, 'utf8') : ''))
    .toContain('GetUser');
  await page.reload();
  await expect(drop.notice).toContainText(
    'Before the reload this tab showed the schema of the dropped files protos/common/note.proto and protos/example.proto. Dropped files are not kept across a reload: drop them again',
  );
  await drop.notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(drop.notice).toBeHidden();
});

test('a dropped descriptor set loads', async ({ wb, page }) => {
  const drop = new DropSchemaPage(page);
  await wb.skipWelcome();
  await drop.drop([at('example.protoset')]);
  await expect(wb.service('example.LogService')).toBeVisible();
  await expect(wb.statusBar).toContainText('example.protoset');
});

test('a broken .proto says file, line and column; missing imports are listed at once with what to drop', async ({
  wb,
  page,
}) => {
  const drop = new DropSchemaPage(page);
  await wb.skipWelcome();
  await drop.drop([at('example.protoset')]);
  await expect(wb.service('example.LogService')).toBeVisible();

  await drop.drop([at('broken.proto')]);
  await expect(drop.failure).toContainText('The schema of broken.proto could not be loaded');
  await expect(drop.failure).toContainText('broken.proto:3:14: syntax error');
  // A failed drop takes nothing away: the tab keeps the schema it had.
  await expect(wb.service('example.LogService')).toBeVisible();
  for (const theme of ['light', 'dark'] as const) {
    await wb.chooseTheme(theme);
    const serious = (await axeViolations(page)).filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious).toEqual([]);
  }
  await page.screenshot({ path: 'test-results/layout/drop-broken.png' });

  await drop.drop([at('lonely.proto')]);
  await expect(drop.failure).toContainText('2 imports not found:');
  await expect(drop.failure).toContainText(
    'lonely.proto:2: import "common/note.proto" not found; searched: the dropped files',
  );
  await expect(drop.failure).toContainText('lonely.proto:3: import "more/other.proto" not found');
  await expect(drop.failure).toContainText(
    'Drop the folder that holds common/note.proto, more/other.proto together with the files that import them',
  );
  await drop.failure.getByRole('button', { name: 'Load .proto files…' }).click();
  await expect(page.getByRole('dialog', { name: 'Connection settings' })).toBeVisible();
});

test('a file that is no schema is refused by name; beside a .proto it is left out and said so', async ({
  wb,
  page,
}) => {
  const drop = new DropSchemaPage(page);
  await wb.skipWelcome();
  await drop.drop([at('notes.txt')]);
  await expect(drop.failure).toContainText('Nothing to load');
  await expect(drop.failure).toContainText(
    'notes.txt is not a .proto file or a descriptor set: not loaded.',
  );
  await drop.failure.getByRole('button', { name: 'Dismiss' }).click();
  await expect(drop.failure).toBeHidden();

  await drop.drop([at('notes.txt'), at('example.protoset')]);
  await expect(wb.service('example.UserService')).toBeVisible();
  await expect(drop.notice).toContainText(
    'notes.txt is not a .proto file or a descriptor set: not loaded.',
  );
});

/** How many drop records the page's storage holds (renderer/drop/droppedRecord.ts). */
const dropRecords = (page: Page): Promise<number> =>
  page.evaluate(
    () => Object.keys(JSON.parse(localStorage.getItem('gwb.droppedSchemas') ?? '{}')).length,
  );

test('dragging highlights the window and says so; Escape or leaving clears it', async ({
  wb,
  page,
}) => {
  const drop = new DropSchemaPage(page);
  await wb.skipWelcome();
  await drop.dragOver([at('example.protoset')]);
  await expect(drop.announcement).toHaveText(
    /^Files dragged over the window: drop \.proto files, folders of them, or descriptor sets/,
  );
  await page.screenshot({ path: 'test-results/layout/drop-overlay.png' });
  await page.keyboard.press('Escape');
  await expect(drop.overlay).toBeHidden();
  await expect(drop.announcement).toHaveText('Drop cancelled.');
  // Still dragging: the page refused the drop (dropEffect none), so Chromium ends the drag with a
  // leave, not a drop, and the page says the drag ended with nothing dropped.
  await drop.release([at('example.protoset')]);
  await expect(drop.announcement).toHaveText('Drop cancelled: nothing dropped.');
  await expect(drop.overlay).toBeHidden();
  await expect(drop.failure).toBeHidden();

  await drop.dragOver([at('example.protoset')]);
  await drop.dragOut([at('example.protoset')]);
  await expect(drop.overlay).toBeHidden();
  await expect(drop.announcement).toHaveText('Drag left the window: nothing dropped.');
  // Coming back in and dropping is a new drop: it loads.
  await drop.release([at('example.protoset')]);
  await expect(drop.announcement).toHaveText(
    /^Loaded the schema of example\.protoset: 5 services\./,
  );
  await expect(wb.service('example.LogService')).toBeVisible();
  // The drop is remembered for this tab (the reload notice reads it).
  expect(await dropRecords(page)).toBe(1);
  await expect(drop.notice).toContainText('Schema from the dropped files');
});

test('the drop notice reads its record once per tab, not per keystroke, and a closed tab forgets it', async ({
  wb,
  page,
}) => {
  const drop = new DropSchemaPage(page);
  await wb.skipWelcome();
  await drop.drop([at('example.protoset')]);
  await expect(drop.notice).toContainText('Schema from the dropped files');
  await wb.openMethod('example.LogService', 'Tail');
  // Count the page's reads of the records from here on.
  await page.evaluate(() => {
    const read = Storage.prototype.getItem;
    const w = window as unknown as { recordReads: number };
    w.recordReads = 0;
    Storage.prototype.getItem = function (this: Storage, key: string) {
      if (key === 'gwb.droppedSchemas') w.recordReads++;
      return read.call(this, key);
    };
  });
  await wb.field('lines').pressSequentially('12345');
  await expect(wb.field('lines')).toHaveValue(/12345/);
  expect(
    await page.evaluate(() => (window as unknown as { recordReads: number }).recordReads),
  ).toBe(0);
  await expect(drop.notice).toBeVisible();

  // A second tab with its own drop, then closed: its record goes with it.
  await wb.newTab();
  await drop.drop([at('example.protoset')]);
  await expect(drop.notice).toContainText('Schema from the dropped files');
  expect(await dropRecords(page)).toBe(2);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.closeTab('GetUser');
  await expect(wb.tab('GetUser')).toHaveCount(0);
  expect(await dropRecords(page)).toBe(1);
  await expect(drop.notice).toBeVisible();
});
