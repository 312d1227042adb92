// The engine's directory listing over the real filesystem: filters, hidden files, symbolic links
// (to folders, to files, dangling, looping), unreadable folders, and a folder far larger than one
// answer may hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { commands } from '../../shared/contract/index.js';
import { listDirectory } from './list-directory.js';

let root: string;
let crowded: string;
const list = (input: Record<string, unknown>) =>
  listDirectory(commands['files.list'].input.parse(input));
const names = (r: { entries: { name: string }[] }): string[] => r.entries.map((e) => e.name);
const asRoot = process.getuid?.() === 0;
// Just over what one answer holds by default (2000): enough to prove the cut and the count of the
// rest. Thousands more files proved nothing more and made the setup outlast its 30 s on a loaded
// machine (18,000 files were made one by one).
const HUGE = 2_500;
const CROWDED = 2_500;

/**
 * The listing's answer for `path` as a user the permission bits apply to: root reads every folder,
 * so under root (CI containers) the listing runs in a child process as `nobody`.
 */
async function listAsUser(path: string): Promise<unknown> {
  if (!asRoot) return list({ path }).catch((e: unknown) => e);
  const script = `import { listDirectory } from ${JSON.stringify(join(import.meta.dirname, 'list-directory.ts'))};
listDirectory({ path: ${JSON.stringify(path)}, showHidden: false, filter: 'any', limit: 10 })
  .then((r) => console.log(JSON.stringify(r)), (e) => console.log(JSON.stringify({ code: e.code, message: e.message })));`;
  const out = execFileSync(join(process.cwd(), 'node_modules/.bin/tsx'), ['--eval', script], {
    uid: 65534,
    gid: 65534,
    env: { PATH: process.env.PATH ?? '', HOME: '/tmp' },
    encoding: 'utf8',
  });
  return JSON.parse(out) as unknown;
}

// A generous bound, for a hang, not a pace: thousands of files take seconds on a loaded machine.
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'gwb-files-'));
  mkdirSync(join(root, 'protos'));
  mkdirSync(join(root, 'b-folder'));
  writeFileSync(join(root, 'protos', 'a.proto'), 'syntax = "proto3";');
  writeFileSync(join(root, 'z.proto'), 'syntax = "proto3";');
  writeFileSync(join(root, 'set.protoset'), 'x');
  writeFileSync(join(root, 'ca.pem'), 'x');
  writeFileSync(join(root, 'notes.txt'), 'x');
  writeFileSync(join(root, '.hidden.proto'), 'x');
  symlinkSync(join(root, 'protos'), join(root, 'link-to-protos'));
  symlinkSync(join(root, 'z.proto'), join(root, 'link.proto'));
  symlinkSync(join(root, 'missing.proto'), join(root, 'dangling.proto'));
  symlinkSync(join(root, 'loop-b'), join(root, 'loop-a'));
  symlinkSync(join(root, 'loop-a'), join(root, 'loop-b'));
  mkdirSync(join(root, 'locked'));
  writeFileSync(join(root, 'locked', 'secret.proto'), 'x');
  chmodSync(join(root, 'locked'), 0o000);
  mkdirSync(join(root, 'huge'));
  for (let i = 0; i < HUGE; i++) writeFileSync(join(root, 'huge', `m${i}.proto`), '');
  // Folders whose names sort after every file, made before the files (a tmpfs reads newest first).
  crowded = mkdtempSync(join(tmpdir(), 'gwb-files-crowded-'));
  for (const name of ['zz-a', 'zz-b', 'zz-c']) mkdirSync(join(crowded, name));
  symlinkSync(join(root, 'protos'), join(crowded, 'zz-link'));
  for (let i = 0; i < CROWDED; i++)
    writeFileSync(join(crowded, `f${String(i).padStart(4, '0')}.proto`), '');
}, 120_000);

afterAll(() => {
  chmodSync(join(root, 'locked'), 0o700);
  rmSync(root, { recursive: true, force: true });
  rmSync(crowded, { recursive: true, force: true });
}, 120_000);

describe('files.list', () => {
  it('lists folders first, then the files the field wants, by name, with absolute paths', async () => {
    const r = await list({ path: root, filter: 'proto' });
    expect(r.path).toBe(root);
    expect(names(r)).toEqual([
      'b-folder',
      'huge',
      'link-to-protos',
      'locked',
      'protos',
      'link.proto',
      'z.proto',
    ]);
    expect(r.entries.find((e) => e.name === 'z.proto')).toMatchObject({
      path: join(root, 'z.proto'),
      kind: 'file',
      size: 18,
    });
    expect(r.parent).not.toBeNull();
  });

  it('filters descriptor sets and certificates; "any" shows every file', async () => {
    expect(
      names(await list({ path: root, filter: 'descriptorSet' })).filter((n) => n.includes('.')),
    ).toEqual(['set.protoset']);
    expect(names(await list({ path: root, filter: 'certificate' }))).toContain('ca.pem');
    expect(names(await list({ path: root, filter: 'certificate' }))).not.toContain('z.proto');
    expect(names(await list({ path: root }))).toContain('notes.txt');
    expect(names(await list({ path: root, filter: 'folder' })).every((n) => !n.includes('.'))).toBe(
      true,
    );
  });

  it('hides dot files unless asked, and counts what it hid', async () => {
    const hidden = await list({ path: root, filter: 'proto' });
    expect(names(hidden)).not.toContain('.hidden.proto');
    expect(hidden.hidden).toBe(1);
    expect(names(await list({ path: root, filter: 'proto', showHidden: true }))).toContain(
      '.hidden.proto',
    );
  });

  it('follows symbolic links to what they point at and skips dangling and looping ones', async () => {
    const r = await list({ path: root, filter: 'proto' });
    expect(r.entries.find((e) => e.name === 'link-to-protos')).toMatchObject({
      kind: 'directory',
      link: true,
    });
    expect(r.entries.find((e) => e.name === 'link.proto')).toMatchObject({
      kind: 'file',
      link: true,
    });
    expect(names(r)).not.toContain('dangling.proto');
    expect(names(await list({ path: root }))).not.toContain('loop-a');
    // Listing through a link answers with the folder it resolves to.
    expect((await list({ path: join(root, 'link-to-protos') })).path).toBe(join(root, 'protos'));
  });

  it('answers a huge folder with `limit` entries and the count of the rest', async () => {
    const r = await list({ path: join(root, 'huge'), filter: 'proto', limit: 500 });
    expect(r.entries).toHaveLength(500);
    expect(r.omitted).toBe(HUGE - 500);
    const max = await list({ path: join(root, 'huge') });
    expect(max.entries).toHaveLength(2000);
  });

  it('in a crowded folder lists every subfolder first, then the first files by name', async () => {
    const dir = crowded;
    for (const limit of [100, 2000]) {
      const r = await list({ path: dir, filter: 'proto', limit });
      expect(names(r).slice(0, 4), `limit ${limit}`).toEqual(['zz-a', 'zz-b', 'zz-c', 'zz-link']);
      expect(r.entries).toHaveLength(limit);
      expect(names(r).slice(4, 6)).toEqual(['f0000.proto', 'f0001.proto']);
      expect(names(r).at(-1)).toBe(`f${String(limit - 5).padStart(4, '0')}.proto`);
      expect(r.omitted).toBe(CROWDED - (limit - 4));
    }
  });

  it('follows at most `limit` symbolic links and counts the rest as omitted', async () => {
    const r = await list({ path: root, filter: 'proto', limit: 2 });
    // Links by name: dangling.proto (skipped), link-to-protos; link.proto, loop-a, loop-b unlooked.
    expect(names(r)).toEqual(['b-folder', 'huge', 'link-to-protos', 'locked', 'protos']);
    expect(r.omitted).toBe(3 + 1); // three links not followed, z.proto past the limit
  });

  it('says which folder cannot be read and why', async () => {
    // `nobody` may pass through the temp folder, not into `locked`.
    chmodSync(root, 0o755);
    expect(await listAsUser(join(root, 'locked'))).toMatchObject({
      code: 'forbidden',
      message: `The folder ${join(root, 'locked')} cannot be listed: permission denied.`,
    });
    chmodSync(root, 0o700);
  });

  it('says when the folder is missing or is a file', async () => {
    await expect(list({ path: join(root, 'nope') })).rejects.toMatchObject({
      code: 'not_found',
      message: `The folder ${join(root, 'nope')} cannot be listed: it does not exist.`,
    });
    await expect(list({ path: join(root, 'z.proto') })).rejects.toThrow(
      'it is a file, not a folder',
    );
  });

  it('starts at the home folder; refuses relative paths and too large a limit at the boundary', async () => {
    expect((await list({})).home).toBe(homedir());
    expect(commands['files.list'].input.safeParse({ path: 'protos' }).success).toBe(false);
    expect(commands['files.list'].input.safeParse({ path: root, limit: 100_000 }).success).toBe(
      false,
    );
  });
});
