import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { wrap } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGwb } from './built-gwb.testkit.js';
import { readWrapped } from './launch.js';

// The launcher reads each bundle itself, inside Node's wrapper, in one piece (app/cli/launch.ts):
// Node's loader would decode the megabytes of deps.cjs as UTF-8 and V8 would copy them again to
// join them to the wrapper. The text V8 compiles must be exactly what Node's loader would give it.
describe('readWrapped', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'gwb-read-wrapped-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['ASCII', 'module.exports = "plain";\n'],
    ['UTF-8 beyond ASCII', 'module.exports = "Grüße, 世界 🙂";\n'],
    ['empty', ''],
  ])('gives Node wrapper and text for a %s file', (_, text) => {
    const file = path.join(dir, `${text.length}.cjs`);
    writeFileSync(file, text);
    const { source, content } = readWrapped(file);
    expect(source).toBe(wrap(text));
    expect(content.equals(readFileSync(file))).toBe(true);
  });
});

describe('the built gwb', () => {
  let gwbDir: string;
  let bin: string;
  let hook: string;
  beforeAll(async () => {
    ({ dir: gwbDir, bin } = await buildGwb('gwb-read-once-'));
    hook = path.join(gwbDir, 'record-reads.cjs');
    // Records every file read as text through fs (Node's CommonJS loader reads modules so).
    writeFileSync(
      hook,
      `const fs = require('node:fs');
const readFileSync = fs.readFileSync;
const asText = [];
fs.readFileSync = function (file, options) {
  const encoding = typeof options === 'string' ? options : options && options.encoding;
  if (encoding && typeof file === 'string') asText.push(file);
  return readFileSync.apply(this, arguments);
};
process.on('exit', () => fs.writeSync(2, 'READ AS TEXT ' + JSON.stringify(asText) + '\\n'));
`,
    );
  }, 120_000);
  afterAll(() => {
    if (gwbDir) rmSync(gwbDir, { recursive: true, force: true });
  });

  it("does not have Node's loader read cli.cjs or deps.cjs as text", async () => {
    const protoFile = path.join(gwbDir, 'tiny.proto');
    writeFileSync(
      protoFile,
      'syntax = "proto3";\npackage t;\nmessage M {}\nservice S { rpc Get(M) returns (M); }\n',
    );
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['-r', hook, bin, '-proto', protoFile, 'list'],
      { timeout: 30_000 },
    );
    expect(stdout).toBe('t.S\n');
    const read = JSON.parse(/READ AS TEXT (.*)/.exec(stderr)?.[1] ?? 'null') as string[];
    expect(read.filter((file) => /[\\/]dist[\\/](cli|deps)\.cjs$/.test(file))).toEqual([]);
  });

  // Each file of dist/ a start reads (bundles and code caches) goes into one buffer, each read
  // done with before the next: a buffer per file touched fresh memory each time (~450 page
  // faults of a call). The hook records the memory each read of a dist file lands in.
  it('reads its bundles and their code caches into one buffer', async () => {
    const buffers = path.join(gwbDir, 'record-buffers.cjs');
    writeFileSync(
      buffers,
      `const fs = require('node:fs');
const inDist = new Map();
const memory = [];
const memoryOf = (target) => {
  const at = memory.indexOf(target.buffer);
  return at >= 0 ? at : memory.push(target.buffer) - 1;
};
const reads = [];
const { openSync, closeSync, readSync, readFileSync } = fs;
fs.closeSync = function (fd) {
  inDist.delete(fd);
  return closeSync.apply(this, arguments);
};
fs.openSync = function (file) {
  const fd = openSync.apply(this, arguments);
  if (/[\\\\/]dist[\\\\/][^\\\\/]+\\.(cjs|v8cache)$/.test(String(file))) inDist.set(fd, String(file));
  return fd;
};
fs.readSync = function (fd, target) {
  if (inDist.has(fd)) reads.push([inDist.get(fd).split(/[\\\\/]/).pop(), memoryOf(target)]);
  return readSync.apply(this, arguments);
};
fs.readFileSync = function (file) {
  const bytes = readFileSync.apply(this, arguments);
  if (inDist.has(file)) reads.push([inDist.get(file).split(/[\\\\/]/).pop(), memoryOf(bytes)]);
  return bytes;
};
process.on('exit', () => fs.writeSync(2, 'READS ' + JSON.stringify(reads) + '\\n'));
`,
    );
    const protoFile = path.join(gwbDir, 'tiny.proto');
    const list = () =>
      promisify(execFile)(process.execPath, ['-r', buffers, bin, '-proto', protoFile, 'list'], {
        timeout: 30_000,
      });
    await list(); // writes the caches
    const { stdout, stderr } = await list();
    expect(stdout).toBe('t.S\n');
    const reads = JSON.parse(/READS (.*)/.exec(stderr)?.[1] ?? 'null') as [string, number][];
    const files = [...new Set(reads.map(([file]) => file))];
    // The three bundles (-proto brings protobufjs from deps-more.cjs) and a cache of each.
    expect(files.sort()).toEqual([
      'cli.cjs',
      'cli.cjs.list.v8cache',
      'deps-more.cjs',
      'deps-more.cjs.list.v8cache',
      'deps.cjs',
      'deps.cjs.list.v8cache',
    ]);
    expect(new Set(reads.map(([, memory]) => memory)).size).toBe(1);
  });
});
