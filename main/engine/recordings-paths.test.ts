import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { demoRequest, startDemoEngineKit, type EngineKit } from './engine.testkit.js';
import { methodFolders } from './recordings-store.js';

// A recording's header names its method, and the recordings folder is laid out by method: an
// imported file whose header says `/../..` used to land two folders above the recordings folder,
// and replaying it wrote the replay there too.

let kit: EngineKit;
let target: string;
let schemaId: string;

beforeAll(async () => {
  ({ kit, target, schemaId } = await startDemoEngineKit());
});

afterAll(async () => {
  await kit.close();
});

/** Every file under `dir`, as paths relative to it. */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe('recordings stay inside their folder whatever their header names', () => {
  it('imports and replays a recording whose method is /../.. inside the recordings folder', async () => {
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(target, '/example.LogService/Tail', [{ source: 'p', lines: 1 }]),
      record: true,
    });
    await kit.waitForEvent(
      'call.events',
      (p) => p.callId === callId && p.events.some((e) => e.type === 'ended'),
    );
    const [recorded] = (await kit.call('recording.list', {})).recordings;
    if (!recorded) throw new Error('the call was not recorded');
    const exported = await kit.call('recording.export', { id: recorded.id, format: 'json' });
    const doc = JSON.parse(exported.text) as { header: { method: string } };

    const base = dirname(kit.dataDir);
    const recordings = join(kit.dataDir, 'recordings');
    const before = allFiles(base);
    for (const method of ['/../..', '/./.', '/..%2F../x']) {
      doc.header.method = method;
      const { recording } = await kit.call('recording.import', { text: JSON.stringify(doc) });
      expect(recording.id).not.toMatch(/(^|\/)\.\.?(\/|$)/);
      // The replay's own file comes from the same method; the call itself may fail, the file may not escape.
      await kit.router.invoke('recording.replay', { id: recording.id, speed: 'max' });
    }
    const added = allFiles(base).filter((f) => !before.includes(f) && f.endsWith('.ndjson'));
    expect(added.length).toBeGreaterThanOrEqual(6);
    for (const file of added)
      expect(join(base, file).startsWith(recordings + sep), `${file} escaped`).toBe(true);
  });

  it('lays a method out as two plain folder names', () => {
    expect(methodFolders('/example.LogService/Tail')).toEqual(['example.LogService', 'Tail']);
    expect(methodFolders('/../..')).toEqual(['__', '__']);
    expect(methodFolders('/.hidden/.')).toEqual(['_hidden', '_']);
    expect(methodFolders('/a/b/c')).toEqual(['a_b', 'c']);
    expect(methodFolders('')).toEqual(['_', '_']);
  });
});
