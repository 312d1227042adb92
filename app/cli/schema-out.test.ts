import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wellKnownIncludes } from '../../main/codec/protoc.testkit.js';
import { startEchoServer } from '../../main/codec/text-format/echo-server.testkit.js';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import type { RunningServer } from '../../main/reflection/reflection-servers.testkit.js';
import { gwb } from './cli.testkit.js';
import { protoOutPlaces } from './schema-out.js';

// -protoset-out and -proto-out-dir: the files behind what was listed, described or called, with
// their imports; the descriptor set is read back by protoc and the .proto files compile with it.
const describeData = join(import.meta.dirname, '../../main/schema/testdata/describe');
const textData = join(import.meta.dirname, '../../main/codec/text-format/testdata');
let work: string;
let demo: DemoServer;
let echo: RunningServer;

function protoc(args: string[], cwd?: string): void {
  execFileSync('protoc', args, { stdio: 'pipe', ...(cwd ? { cwd } : {}) });
}

function compile(dir: string, proto: string, out: string): string {
  protoc([
    '--include_imports',
    `--descriptor_set_out=${out}`,
    '-I',
    dir,
    ...wellKnownIncludes(),
    proto,
  ]);
  return out;
}

function fileNames(protoset: string): string[] {
  return fromBinary(FileDescriptorSetSchema, readFileSync(protoset)).file.map((f) => f.name);
}

function protoFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'gwb-schema-out-'));
  demo = await startDemoServer({});
  echo = await startEchoServer();
});

afterAll(async () => {
  echo?.close();
  await demo?.close();
  rmSync(work, { recursive: true, force: true });
});

/** `gwb -protoset SOURCE -protoset-out PROTOSET -proto-out-dir DIR describe t.Svc.Get`. */
const describeWritingOut = (source: string, protoset: string, dir: string) =>
  gwb([
    '-protoset',
    source,
    '-protoset-out',
    protoset,
    '-proto-out-dir',
    dir,
    'describe',
    't.Svc.Get',
  ]);

describe('-protoset-out and -proto-out-dir', () => {
  it('describe writes the symbol file and its imports; protoc reads the set and compiles the sources, which describe the same', async () => {
    const source = compile(describeData, 'options.proto', join(work, 'options.pb'));
    const protoset = join(work, 'described.pb');
    const dir = join(work, 'described');
    const run = await describeWritingOut(source, protoset, dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^t\.Svc\.Get is a method:/);
    const expected = [
      'google/protobuf/descriptor.proto',
      'google/api/http.proto',
      'google/api/annotations.proto',
      'google/protobuf/timestamp.proto',
      'google/protobuf/duration.proto',
      'google/protobuf/struct.proto',
      'google/protobuf/any.proto',
      'google/protobuf/wrappers.proto',
      'google/protobuf/empty.proto',
      'google/protobuf/field_mask.proto',
      'options.proto',
    ];
    expect(new Set(fileNames(protoset))).toEqual(new Set(expected));
    protoc([
      `--descriptor_set_in=${protoset}`,
      `--descriptor_set_out=${join(work, 'again.pb')}`,
      'options.proto',
    ]);
    expect(protoFilesUnder(dir)).toEqual([...expected].sort());
    // The written sources compile on their own and describe exactly as the original.
    const recompiled = join(work, 'recompiled.pb');
    protoc(['--include_imports', `--descriptor_set_out=${recompiled}`, '-I', dir, 'options.proto']);
    for (const symbol of ['t.Svc', 't.Req', 't.Color']) {
      const a = await gwb(['-protoset', source, 'describe', symbol]);
      const b = await gwb(['-protoset', recompiled, 'describe', symbol]);
      expect(b.stdout, symbol).toBe(a.stdout);
    }
  });

  it('proto2 sources (groups, defaults, extensions, custom options) compile again', async () => {
    const source = compile(describeData, 'proto2.proto', join(work, 'proto2.pb'));
    const dir = join(work, 'proto2');
    const run = await gwb(['-protoset', source, '-proto-out-dir', dir, 'describe', 'o.Thing']);
    expect(run.code).toBe(0);
    const recompiled = join(work, 'proto2-again.pb');
    protoc(['--include_imports', `--descriptor_set_out=${recompiled}`, '-I', dir, 'proto2.proto']);
    for (const symbol of ['o.Thing', 'o.S', 'o.E', 'o.ext']) {
      const a = await gwb(['-protoset', source, 'describe', symbol]);
      const b = await gwb(['-protoset', recompiled, 'describe', symbol]);
      expect(b.stdout, symbol).toBe(a.stdout);
    }
  });

  it('list over reflection writes every listed service file with its imports', async () => {
    const protoset = join(work, 'listed.pb');
    const run = await gwb([
      '-plaintext',
      '-protoset-out',
      protoset,
      `127.0.0.1:${demo.port}`,
      'list',
    ]);
    expect(run.code).toBe(0);
    expect(fileNames(protoset)).toEqual([
      'google/protobuf/timestamp.proto',
      'example.proto',
      'health/v1/health.proto',
    ]);
  });

  it("a call writes the invoked method's file and its imports", async () => {
    const source = compile(textData, 'echo.proto', join(work, 'echo-src.pb'));
    const protoset = join(work, 'called.pb');
    const run = await gwb([
      '-plaintext',
      '-protoset',
      source,
      '-protoset-out',
      protoset,
      '-d',
      '{"text":"x"}',
      echo.address,
      'echo.Echo/Echo',
    ]);
    expect(run.code).toBe(0);
    expect(new Set(fileNames(protoset))).toEqual(new Set(fileNames(source)));
  });

  it('a path that cannot be written fails with the path and reason, after the output, and leaves nothing', async () => {
    const blocker = join(work, 'a-file');
    writeFileSync(blocker, 'x');
    const source = compile(describeData, 'options.proto', join(work, 'options2.pb'));
    const run = await gwb(['-protoset', source, '-protoset-out', join(blocker, 'out.pb'), 'list']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('t.Svc\n');
    expect(run.stderr).toContain(`-protoset-out: cannot write ${join(blocker, 'out.pb')}`);
    expect(readdirSync(work).filter((n) => n.startsWith('.gwb-tmp-'))).toEqual([]);
  });

  it('refuses a file name from the schema that would land outside the folder', async () => {
    const set = fromBinary(
      FileDescriptorSetSchema,
      readFileSync(compile(describeData, 'options.proto', join(work, 'o3.pb'))),
    );
    const evil = create(FileDescriptorSetSchema, {
      file: [
        {
          ...set.file.find((f) => f.name === 'google/protobuf/empty.proto')!,
          name: '../evil.proto',
        },
      ],
    });
    const evilSet = join(work, 'evil.pb');
    writeFileSync(evilSet, toBinary(FileDescriptorSetSchema, evil));
    const dir = join(work, 'evil-out');
    const run = await gwb([
      '-protoset',
      evilSet,
      '-proto-out-dir',
      dir,
      'describe',
      'google.protobuf.Empty',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"../evil.proto", which would be written outside');
    expect(existsSync(join(work, 'evil.proto'))).toBe(false);
  });

  /** options.proto's set with one import renamed: every file naming it as a dependency follows. */
  function setWithRenamedImport(from: string, to: string, out: string): string {
    const set = fromBinary(
      FileDescriptorSetSchema,
      readFileSync(compile(describeData, 'options.proto', join(work, `src-${out}`))),
    );
    for (const f of set.file) {
      if (f.name === from) f.name = to;
      f.dependency = f.dependency.map((d) => (d === from ? to : d));
    }
    const file = join(work, out);
    writeFileSync(file, toBinary(FileDescriptorSetSchema, set));
    return file;
  }

  it('a bad name among good ones: refused before anything is written, -protoset-out too', async () => {
    const source = setWithRenamedImport(
      'google/protobuf/empty.proto',
      '../escaped.proto',
      'bad-among-good.pb',
    );
    const dir = join(work, 'bad-among-good');
    const protoset = join(work, 'bad-among-good-out.pb');
    const run = await describeWritingOut(source, protoset, dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"../escaped.proto", which would be written outside');
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(protoset)).toBe(false);
    expect(existsSync(join(work, 'escaped.proto'))).toBe(false);
  });

  it('refuses a name that goes through a symbolic link inside the folder to outside it', async () => {
    const source = setWithRenamedImport(
      'google/protobuf/empty.proto',
      'linked/empty.proto',
      'through-link.pb',
    );
    const dir = join(work, 'through-link');
    const elsewhere = join(work, 'elsewhere');
    mkdirSync(dir);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(dir, 'linked'));
    const run = await gwb(['-protoset', source, '-proto-out-dir', dir, 'describe', 't.Svc.Get']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `"linked/empty.proto", whose folder is ${elsewhere} through a symbolic link, which is outside ${dir}; nothing was written`,
    );
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['linked']);
  });

  it('DIR may be the root folder: names land under it, escapes are still refused', () => {
    expect(protoOutPlaces('/', ['a/b.proto', 'c.proto'])).toEqual(['/a/b.proto', '/c.proto']);
    expect(() => protoOutPlaces('/', ['/etc/x.proto'])).toThrow('which would be written outside');
  });
});
