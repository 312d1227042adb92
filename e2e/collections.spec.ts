import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures/workbench.js';
import { CollectionsPanel } from './pages/collections.js';
import type { WorkbenchPage } from './pages/workbench.js';

/** The demo's GetUser {id: 1}, saved as NAME in a new collection "Users". */
async function saveGetUser(
  wb: WorkbenchPage,
  collections: CollectionsPanel,
  address: string,
  name: string,
): Promise<void> {
  await wb.connect(address);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', '1');
  await collections.saveAs(name, 'Users', { newCollection: true });
}

test('a saved request shows in the tree and reopens after a reload', async ({ wb, env, page }) => {
  const collections = new CollectionsPanel(page);
  await collections.show();
  await saveGetUser(wb, collections, env.demoAddress, 'Ada');
  await expect(
    collections.children('Users').getByRole('treeitem', { name: 'Ada', exact: true }),
  ).toBeVisible();

  // Ctrl/Cmd+S saves the changed body over the same file.
  await wb.fill('id', '2');
  await page.keyboard.press('ControlOrMeta+S');
  await expect(page.getByRole('alert')).toContainText('Saved Users/Ada');

  await page.reload();
  await wb.loadByReflection(env.demoAddress);
  await collections.open('Ada');
  await expect(wb.request.getByText('example.UserService.GetUser')).toBeVisible();
  await expect(wb.field('id')).toHaveValue('2');
  await wb.send();
  await expect(wb.status).toContainText('OK');
});

test('rename, duplicate, move by drag and drop and by Move to…, delete and undo', async ({
  wb,
  env,
  page,
}) => {
  const collections = new CollectionsPanel(page);
  await collections.show();
  await saveGetUser(wb, collections, env.demoAddress, 'First');
  await collections.newFolder('Users', 'archive');
  await expect(collections.item('archive')).toBeVisible();

  await collections.rename('First', 'Renamed');
  await expect(collections.item('Renamed')).toBeVisible();
  await expect(collections.item('First')).toHaveCount(0);

  await collections.duplicate('Renamed');
  await expect(collections.item('Renamed copy')).toBeVisible();

  await collections.dragOnto('Renamed copy', 'archive');
  await expect(
    collections.children('archive').getByRole('treeitem', { name: 'Renamed copy', exact: true }),
  ).toBeVisible();

  await collections.moveTo('Renamed', 'Users/archive');
  await expect(
    collections.children('archive').getByRole('treeitem', { name: 'Renamed', exact: true }),
  ).toBeVisible();

  await collections.delete('Renamed copy');
  await expect(collections.item('Renamed copy')).toHaveCount(0);
  await collections.undo();
  await expect(
    collections.children('archive').getByRole('treeitem', { name: 'Renamed copy', exact: true }),
  ).toBeVisible();

  // The restored request still opens and runs.
  await collections.open('Renamed copy');
  await expect(wb.field('id')).toHaveValue('1');
  await wb.send();
  await expect(wb.status).toContainText('OK');
});

test('a broken request file is listed with its error, a stale one is flagged, and the rest still loads', async ({
  wb,
  env,
  page,
}) => {
  const collections = new CollectionsPanel(page);
  await collections.show();
  await saveGetUser(wb, collections, env.demoAddress, 'Good');
  writeFileSync(
    join(await collections.workspaceDir(), 'collections', 'Users', 'Broken.grpc.json'),
    '{ "version": 1, ',
  );
  // Picked up from disk without a reload (the engine watches the workspace).
  await expect(collections.item('Broken')).toContainText('not valid JSON');
  await expect(collections.item('Good')).toBeVisible();

  // A saved request whose method the loaded schema lacks is flagged, not dropped.
  const gone = {
    version: 1,
    name: 'Gone',
    connection: { address: env.demoAddress, security: { kind: 'plaintext' } },
    method: '/example.UserService/Gone',
    body: {},
    metadata: [],
    options: {},
    notes: '',
  };
  writeFileSync(
    join(await collections.workspaceDir(), 'collections', 'Users', 'Gone.grpc.json'),
    JSON.stringify(gone),
  );
  await expect(collections.item('Gone')).toContainText('Out of date with the loaded schema');
  await expect(collections.item('Good')).not.toContainText('Out of date');
});

test('a pasted grpcurl command opens as a new tab that runs', async ({ wb, env, page }) => {
  const collections = new CollectionsPanel(page);
  await collections.show();
  await wb.connect(env.demoAddress);
  await collections.importGrpcurl(
    `grpcurl -plaintext -H 'x-echo-from: grpcurl' -d '{"id":"1"}' ${env.demoAddress} example.UserService/GetUser`,
  );
  await expect(wb.request.getByText('example.UserService.GetUser')).toBeVisible();
  await expect(wb.field('id')).toHaveValue('1');
  await expect(wb.request.getByLabel('Metadata value 1')).toHaveValue('grpcurl');
  await wb.send();
  await expect(wb.status).toContainText('OK');
  await expect(wb.responseJson).toContainText('Ada Lovelace');
});

test('a grpcurl command with two messages opens as a tab with both, and runs them in order', async ({
  wb,
  env,
  page,
}) => {
  const collections = new CollectionsPanel(page);
  await collections.show();
  await wb.connect(env.demoAddress);
  await collections.importGrpcurl(
    `grpcurl -plaintext -d '{"key":"x","number":1} {"key":"y","number":2}' ${env.demoAddress} example.BatchService/Upload`,
  );
  await expect(wb.request.getByText('example.BatchService.Upload')).toBeVisible();
  await expect(wb.messageList.getByRole('listitem')).toHaveCount(2);
  await expect(wb.field('key')).toHaveValue('x');
  await wb.pickMessage(2);
  await expect(wb.field('key')).toHaveValue('y');
  await wb.send();
  await expect(wb.response.getByTestId('count-sent')).toHaveText('2');
  await wb.endStream();
  await expect(wb.status).toContainText('OK');
  await expect(wb.timeline).toContainText('"keys":["x","y"]');
});

test('a collection exports to one file and imports back', async ({ wb, env, page }) => {
  const collections = new CollectionsPanel(page);
  await collections.show();
  await saveGetUser(wb, collections, env.demoAddress, 'Ada');
  await collections.newFolder('Users', 'nested');
  const dir = mkdtempSync(join(tmpdir(), 'gwb-export-'));
  const file = join(dir, 'Users.gwb-collection.json');
  await collections.exportCollection('Users', file);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
    format: 'gwb-collection',
    name: 'Users',
    folders: ['nested'],
  });

  await collections.deleteFolder('Users');
  await expect(collections.item('Users')).toHaveCount(0);
  await collections.importCollection(file);
  await expect(
    collections.children('Users').getByRole('treeitem', { name: 'Ada', exact: true }),
  ).toBeVisible();
  await expect(collections.item('nested')).toBeVisible();
  rmSync(dir, { recursive: true, force: true });
});

test('any folder opens as the workspace; saved requests are plain files there', async ({
  wb,
  env,
  page,
}) => {
  const collections = new CollectionsPanel(page);
  await collections.show();
  const repo = mkdtempSync(join(tmpdir(), 'gwb-repo-'));
  try {
    await wb.connect(env.demoAddress);
    await collections.openFolder(join(repo, 'api-requests'));
    await expect(page.getByTestId('workspace-dir')).toHaveAttribute(
      'data-dir',
      join(repo, 'api-requests'),
    );
    await wb.openMethod('example.UserService', 'GetUser');
    await wb.fill('id', '1');
    await collections.saveAs('Ada', 'Users', { newCollection: true });
    const text = readFileSync(
      join(repo, 'api-requests', 'collections', 'Users', 'Ada.grpc.json'),
      'utf8',
    );
    expect(JSON.parse(text)).toMatchObject({
      version: 2,
      name: 'Ada',
      method: '/example.UserService/GetUser',
      messages: [{ id: '1' }],
    });
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});

test('a request saved while the schema comes from proto files keeps that source and reopens with it', async ({
  wb,
  env,
  page,
}) => {
  const collections = new CollectionsPanel(page);
  await collections.show();
  const proto = fileURLToPath(new URL('../resources/protos/example.proto', import.meta.url));
  await wb.skipWelcome();
  await wb.address.fill(env.demoAddress);
  await wb.loadProtoFiles([proto]);
  await wb.openMethod('example.UserService', 'GetUser');
  await wb.fill('id', '1');
  await collections.saveAs('From protos', 'Users', { newCollection: true });
  const dir = await collections.workspaceDir();
  const saved = JSON.parse(
    readFileSync(join(dir, 'collections', 'Users', 'From protos.grpc.json'), 'utf8'),
  ) as { schema?: unknown };
  // The source is in the request file itself.
  expect(saved.schema).toEqual({ kind: 'protoFiles', files: [proto], importPaths: [] });

  // After a reload the tab comes back with its proto files loaded.
  await page.reload();
  await expect(wb.statusBar).toContainText('(proto files)');
  await expect(wb.field('id')).toHaveValue('1');

  // Closed and opened again from the collection (in a tab on another source), it loads them itself.
  await wb.newTab();
  await wb.closeTab('From protos');
  await wb.loadByReflection(env.demoAddress);
  await expect(wb.statusBar).toContainText('(reflection');
  await collections.open('From protos');
  await expect(wb.statusBar).toContainText('(proto files)');
  await expect(wb.field('id')).toHaveValue('1');
  await wb.send();
  await expect(wb.status).toContainText('OK');
});
