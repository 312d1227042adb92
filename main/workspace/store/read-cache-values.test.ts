// A request file is parsed and checked once while it is unchanged on disk (read-cache.ts
// cachedValue): the tree and every read of the document take that; each reader gets its own copy.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../workspace.js';
import { fileProbe } from './json-file.js';
import { useSettledClock } from '../../platform/racy-clock.testkit.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gwb-read-cache-values-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete fileProbe.onParse;
});

const ws = openWorkspace(dir);
const aMinuteAgo = new Date(Date.now() - 60_000);

function fileOf(requestPath: string): string {
  return path.join(dir, 'collections', `${requestPath}.grpc.json`);
}

/** Saved and dated a minute back: not racy, so its text and parse are kept. */
function saved(requestPath: string, name: string): string {
  ws.saveRequest(requestPath, {
    name,
    connection: { address: 'localhost:1', security: { kind: 'plaintext' } },
    method: '/a.B/C',
    messages: [{ id: '1' }],
    metadata: [],
    options: {},
    notes: '',
  });
  const file = fileOf(requestPath);
  utimesSync(file, aMinuteAgo, aMinuteAgo);
  return file;
}

function parsesOf(work: () => void): number {
  let parses = 0;
  fileProbe.onParse = () => parses++;
  work();
  delete fileProbe.onParse;
  return parses;
}

// Files dated back with utimes have their change time at now: counted as settled (see the kit).
useSettledClock();
describe('parsed request cache', () => {
  it('parses an unchanged request once for the tree and every read', () => {
    saved('c/one', 'one');
    expect(
      parsesOf(() => {
        ws.list();
        ws.readRequest('c/one');
        ws.readRequest('c/one');
        ws.list();
      }),
    ).toBe(1);
  });

  it('hands each reader its own copy: a change to one is not seen by the next', () => {
    saved('c/two', 'two');
    const first = ws.readRequest('c/two');
    first.name = 'changed by a reader';
    (first.messages[0] as { id: string }).id = 'changed too';
    const again = ws.readRequest('c/two');
    expect(again.name).toBe('two');
    expect(again.messages).toEqual([{ id: '1' }]);
    const node = ws.list()[0]?.children.find((n) => n.path === 'c/two');
    expect(node).toMatchObject({ title: 'two' });
  });

  it('parses a file changed on disk again, and says a broken file every time', () => {
    const file = saved('c/three', 'three');
    expect(ws.readRequest('c/three').name).toBe('three');
    const text = JSON.stringify({ ...ws.readRequest('c/three'), name: 'three, edited' });
    writeFileSync(file, text);
    utimesSync(file, aMinuteAgo, new Date(Date.now() - 30_000));
    expect(ws.readRequest('c/three').name).toBe('three, edited');
    writeFileSync(file, JSON.stringify({ version: 2, name: 3 }));
    utimesSync(file, aMinuteAgo, new Date(Date.now() - 20_000));
    for (let i = 0; i < 2; i++) expect(() => ws.readRequest('c/three')).toThrow(/name/);
  });
});
