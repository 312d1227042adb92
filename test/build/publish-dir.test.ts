// The build publishes the renderer into dist/renderer with renames (scripts/publish-dir.mjs): a
// reader that reads the page and the bundle over and over while builds publish beside it finds
// every file whole, the old build's or the new one's, and never a missing or cut file. Emptying
// the folder and copying the new build in (what the build did) fails this on the first publish.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, expect, test } from 'vitest';
import { publishDir } from '../../scripts/publish-dir.mjs';

const READER = `
const { readFileSync } = require('node:fs');
const { createHash } = require('node:crypto');
const [dir, ...files] = process.argv.slice(1);
const seen = {};
let stop = false;
process.stdin.on('end', () => { stop = true; }).resume();
const round = () => {
  for (const f of files) {
    let key;
    try { key = f + ' ' + createHash('sha1').update(readFileSync(dir + '/' + f)).digest('hex'); }
    catch (e) { key = f + ' ' + e.code; }
    seen[key] = (seen[key] ?? 0) + 1;
  }
  if (stop) { process.stdout.write(JSON.stringify(seen) + '\\n'); return; }
  setImmediate(round);
};
process.stdout.write('reading\\n');
round();
`;

const hash = (text: string): string => createHash('sha1').update(text).digest('hex');

/** A build's files: a big bundle (a copy in progress would be seen cut) and a page. */
function build(version: string): Record<string, string> {
  return {
    'index.html': `<!doctype html><title>${version}</title><script src="app.js"></script>`,
    'app.js': `/* ${version} */` + 'x'.repeat(4_000_000),
    [`font-${version}.woff2`]: version,
  };
}

function stage(root: string, files: Record<string, string>): string {
  const staging = mkdtempSync(join(root, '.staging-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(staging, name), text);
  return staging;
}

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('a reader looping over index.html and app.js while builds publish never sees one missing or cut', async () => {
  root = mkdtempSync(join(tmpdir(), 'gwb-publish-'));
  const target = join(root, 'renderer');
  const builds = [build('old'), build('new')];
  publishDir(stage(root, builds[0]!), target);

  const reader = spawn(process.execPath, ['-e', READER, target, 'index.html', 'app.js'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: reader.stdout })[Symbol.asyncIterator]();
  expect((await lines.next()).value).toBe('reading');
  for (let i = 1; i <= 20; i += 1) publishDir(stage(root, builds[i % 2]!), target);
  reader.stdin.end();
  const seen = JSON.parse(String((await lines.next()).value)) as Record<string, number>;

  const whole = new Set(
    builds.flatMap((b) => ['index.html', 'app.js'].map((f) => `${f} ${hash(b[f]!)}`)),
  );
  expect(Object.keys(seen).filter((key) => !whole.has(key))).toEqual([]);
  // The last publish was the old build's: the new build's font is gone, the old one's is there.
  expect(existsSync(join(target, 'font-old.woff2'))).toBe(true);
  expect(existsSync(join(target, 'font-new.woff2'))).toBe(false);
  expect(existsSync(join(root, 'renderer', 'index.html'))).toBe(true);
});

test('files in subfolders are published, and the staging folder is removed', () => {
  root = mkdtempSync(join(tmpdir(), 'gwb-publish-'));
  const staging = stage(root, { 'index.html': 'page' });
  mkdirSync(join(staging, 'assets'));
  writeFileSync(join(staging, 'assets', 'logo.svg'), '<svg/>');
  publishDir(staging, join(root, 'renderer'));
  expect(existsSync(join(root, 'renderer', 'assets', 'logo.svg'))).toBe(true);
  expect(existsSync(staging)).toBe(false);
});
