import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventPayload } from '../../shared/contract/index.js';
import type { WorkspaceChange } from '../../shared/contract/workspace-commands.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { normalizeRequest } from '../workspace/index.js';
import { fileProbe } from '../workspace/store/json-file.js';
import { changesOf, startWorkspaceKit, type WorkspaceKit } from './workspace.testkit.js';

// Workspace changes as typed events: the app's own writes are told once (origin 'app') and never
// come back as outside changes; files changed by others are described from that file alone.

let kit: WorkspaceKit;
let wsDir: string;

function request(name: string, over: Partial<RequestDocument> = {}): RequestDocument {
  return {
    name,
    connection: { address: '127.0.0.1:50051', security: { kind: 'plaintext' } },
    method: '/example.UserService/GetUser',
    messages: [{ id: '1' }],
    metadata: [],
    options: {},
    notes: '',
    ...over,
  };
}

const fileText = (doc: RequestDocument): string =>
  `${JSON.stringify(normalizeRequest(doc), null, 2)}\n`;

function writeOutside(rel: string, text: string): void {
  const file = join(wsDir, rel);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

type Changed = EventPayload<'workspace.changed'>;

/** The next outside change (from now on) that `match` picks. */
function outside(match: (change: WorkspaceChange) => boolean): Promise<Changed> {
  return kit.waitForEvent(
    'workspace.changed',
    (p) => p.origin === 'outside' && p.changes.some(match),
    { from: kit.events.length },
  );
}

/**
 * Writes a sentinel environment file from "outside" and waits for its event: the watcher reports
 * in order, so anything it would have said about earlier writes has been said by then.
 */
async function settle(): Promise<Changed[]> {
  const name = `sentinel-${Math.random().toString(36).slice(2)}`;
  const from = kit.events.length;
  writeOutside(`environments/${name}.json`, '{"version":1,"name":"x","variables":[]}\n');
  await outside((c) => c.kind === 'environment.changed' && c.name === name);
  rmSync(join(wsDir, 'environments', `${name}.json`));
  await outside((c) => c.kind === 'environment.changed' && c.name === name && c.deleted);
  return kit.events
    .slice(from)
    .filter((e) => e.topic === 'workspace.changed')
    .map((e) => e.payload as Changed)
    .filter((p) => p.origin === 'outside')
    .map((p) => ({
      ...p,
      changes: p.changes.filter((c) => !(c.kind === 'environment.changed' && c.name === name)),
    }))
    .filter((p) => p.changes.length > 0);
}

beforeAll(async () => {
  kit = startWorkspaceKit();
  wsDir = (await kit.call('workspace.open', {})).dir;
});

afterAll(() => {
  kit.close();
});

afterEach(() => {
  delete fileProbe.onRead;
  delete fileProbe.onParse;
});

describe('the app’s own writes', () => {
  it('are told once as app changes and never echo as outside changes', async () => {
    const from = kit.events.length;
    await kit.call('folder.create', { path: 'own/a' });
    await kit.call('request.save', { path: 'own/a/one', request: request('One') });
    await kit.call('request.save', { path: 'own/a/one', request: request('One again') });
    await kit.call('request.saveAs', { folder: 'own/new', name: 'two', request: request('x') });
    await kit.call('request.rename', { path: 'own/a/one', name: 'uno' });
    await kit.call('request.duplicate', { path: 'own/a/uno' });
    await kit.call('request.move', { path: 'own/a/uno copy', toFolder: 'own/new' });
    await kit.call('request.delete', { path: 'own/new/uno copy' });
    await kit.call('folder.rename', { path: 'own/a', name: 'b' });
    await kit.call('folder.move', { path: 'own/b', toParent: '' });
    await kit.call('folder.delete', { path: 'b' });
    await kit.call('environment.save', { name: 'e', variables: [{ name: 'v', value: '1' }] });
    await kit.call('environment.delete', { name: 'e' });
    const { text } = await kit.call('export.collection', { collection: 'own' });
    await kit.call('import.collection', { text, asName: 'own copy' });
    const appChanges = changesOf(kit.events.slice(from), 'app');
    expect(appChanges[0]).toEqual({
      kind: 'folder.created',
      path: 'own',
      node: {
        kind: 'collection',
        name: 'own',
        path: 'own',
        children: [{ kind: 'folder', name: 'a', path: 'own/a', children: [] }],
      },
    });
    expect(appChanges.map((c) => c.kind)).toEqual([
      'folder.created',
      'request.saved',
      'request.saved',
      'folder.created',
      'request.saved',
      'moved',
      'request.saved',
      'moved',
      'request.deleted',
      'moved',
      'moved',
      'folder.deleted',
      'environment.changed',
      'environment.changed',
      'folder.created',
      'folder.created',
      'request.saved',
    ]);
    expect(await settle()).toEqual([]);
  });
});

describe('changes made outside the app', () => {
  it('a request file written, changed and removed: its node, parsed from that file alone', async () => {
    await kit.call('folder.create', { path: 'pulled' });
    await settle();
    const reads: string[] = [];
    fileProbe.onRead = (file) => reads.push(file);
    writeOutside('collections/pulled/x.grpc.json', fileText(request('From git')));
    const saved = await outside((c) => c.kind === 'request.saved' && c.path === 'pulled/x');
    expect(saved).toEqual({
      origin: 'outside',
      changes: [
        {
          kind: 'request.saved',
          path: 'pulled/x',
          node: {
            kind: 'request',
            name: 'x',
            path: 'pulled/x',
            title: 'From git',
            method: '/example.UserService/GetUser',
          },
        },
      ],
    });
    expect(reads).toEqual([join(wsDir, 'collections', 'pulled', 'x.grpc.json')]);

    writeOutside('collections/pulled/x.grpc.json', '{ "version": 2, broken');
    const broken = await outside(
      (c) => c.kind === 'request.saved' && 'node' in c && 'error' in c.node,
    );
    expect(broken.changes[0]).toMatchObject({
      node: { path: 'pulled/x', error: expect.stringMatching(/x\.grpc\.json: not valid JSON/) },
    });

    rmSync(join(wsDir, 'collections', 'pulled', 'x.grpc.json'));
    expect(await outside((c) => c.kind === 'request.deleted')).toEqual({
      origin: 'outside',
      changes: [{ kind: 'request.deleted', path: 'pulled/x' }],
    });
  });

  it('a folder that appears comes with its content; one renamed away is deleted', async () => {
    const from = kit.events.length;
    mkdirSync(join(wsDir, 'tmp-outside', 'sub'), { recursive: true });
    writeFileSync(join(wsDir, 'tmp-outside', 'sub', 'r.grpc.json'), fileText(request('R')));
    renameSync(join(wsDir, 'tmp-outside'), join(wsDir, 'collections', 'arrived'));
    await outside((c) => c.kind === 'folder.created' && c.path === 'arrived');
    renameSync(join(wsDir, 'collections', 'arrived'), join(wsDir, 'gone-away'));
    await outside((c) => c.kind === 'folder.deleted' && c.path === 'arrived');
    const told = changesOf(kit.events.slice(from), 'outside');
    expect(told).toEqual([
      {
        kind: 'folder.created',
        path: 'arrived',
        node: {
          kind: 'collection',
          name: 'arrived',
          path: 'arrived',
          children: [
            {
              kind: 'folder',
              name: 'sub',
              path: 'arrived/sub',
              children: [
                {
                  kind: 'request',
                  name: 'r',
                  path: 'arrived/sub/r',
                  title: 'R',
                  method: '/example.UserService/GetUser',
                },
              ],
            },
          ],
        },
      },
      { kind: 'folder.deleted', path: 'arrived' },
    ]);
    rmSync(join(wsDir, 'gone-away'), { recursive: true });
  });

  it('environments and history files changed outside are told by name', async () => {
    writeOutside('environments/staging.json', '{"version":1,"name":"staging","variables":[]}\n');
    expect(await outside((c) => c.kind === 'environment.changed' && c.name === 'staging')).toEqual({
      origin: 'outside',
      changes: [{ kind: 'environment.changed', name: 'staging', deleted: false }],
    });
    writeOutside('history/2020-x.json', '{}');
    await outside((c) => c.kind === 'history.changed');
    rmSync(join(wsDir, 'environments', 'staging.json'));
    rmSync(join(wsDir, 'history', '2020-x.json'));
    await settle();
  });

  it('a burst of many changes at once says: read the tree again', async () => {
    mkdirSync(join(wsDir, 'collections', 'burst'));
    await settle();
    for (let i = 0; i < 150; i++)
      writeFileSync(
        join(wsDir, 'collections', 'burst', `r${i}.grpc.json`),
        fileText(request(`r${i}`)),
      );
    const reload = await outside((c) => c.kind === 'tree.reload');
    expect(reload).toEqual({ origin: 'outside', changes: [{ kind: 'tree.reload' }] });
  });
});

describe('a workspace of 5,000 requests', () => {
  it('saving one request reads and parses no other file, and tells its node', async () => {
    const big = join(kit.baseDir, 'big');
    for (let i = 0; i < 5000; i++) {
      const folder = join(big, 'collections', `c${i % 10}`, `f${Math.floor(i / 10) % 10}`);
      if (i < 100) mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `r${i}.grpc.json`), fileText(request(`request ${i}`)));
    }
    await kit.call('workspace.open', { dir: big });
    wsDir = big;
    const reads: string[] = [];
    let parses = 0;
    fileProbe.onRead = (file) => reads.push(file);
    fileProbe.onParse = () => parses++;
    const from = kit.events.length;
    const saved = await kit.call('request.save', {
      path: 'c0/f0/r0',
      request: request('request 0, edited', { messages: [{ id: '2' }] }),
    });
    expect(saved.request.name).toBe('request 0, edited');
    expect(changesOf(kit.events.slice(from), 'app')).toEqual([
      {
        kind: 'request.saved',
        path: 'c0/f0/r0',
        node: {
          kind: 'request',
          name: 'r0',
          path: 'c0/f0/r0',
          title: 'request 0, edited',
          method: '/example.UserService/GetUser',
        },
      },
    ]);
    // Nothing comes back from the watcher, and nothing else was read.
    expect(await settle()).toEqual([]);
    const own = join(big, 'collections', 'c0', 'f0', 'r0.grpc.json');
    expect(reads.filter((f) => f !== own && !f.includes('sentinel'))).toEqual([]);
    expect(parses).toBeLessThanOrEqual(1);

    // Another process changes one of the 5,000: that file, and only it, is read.
    reads.length = 0;
    const other = join(big, 'collections', 'c3', 'f4', 'r43.grpc.json');
    writeFileSync(other, fileText(request('changed by a git pull')));
    const change = await outside((c) => c.kind === 'request.saved' && c.path === 'c3/f4/r43');
    expect(change.origin).toBe('outside');
    expect(reads).toEqual([other]);
  }, 60_000);
});
