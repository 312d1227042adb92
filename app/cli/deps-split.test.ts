import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHookedGwb } from './hooked-gwb.testkit.js';

// The packages gwb imports are in two files (scripts/cli-bundle.mjs): deps.cjs holds what `list`,
// `describe` and a call over reflection run (grpc-js, protobuf-es), deps-more.cjs everything else
// (zod, Connect, CEL, protobufjs, …), so a call reads and keeps a quarter of the text it did.
// Checked on the real bundle against the demo server: the hook reports which of the built files
// the command loaded, and how large deps.cjs is beside deps-more.cjs.
const gwb = useHookedGwb(
  'gwb-deps-split-',
  `const path = require('node:path');
reportAtExit(() => {
  const loaded = Object.keys(require.cache).filter((file) => /[\\\\/]dist[\\\\/][^\\\\/]+\\.cjs$/.test(file));
  const deps = loaded.find((file) => path.basename(file) === 'deps.cjs');
  const size = (file) => { try { return fs.statSync(file).size; } catch { return null; } };
  return {
    loaded: loaded.map((file) => path.basename(file)).sort(),
    deps: deps && size(deps),
    more: deps && size(path.join(path.dirname(deps), 'deps-more.cjs')),
  };
});
`,
);

interface Loaded {
  loaded: string[];
  deps: number | null;
  more: number | null;
}

const call = () => ['-plaintext', '-d', '{"id":"1"}', gwb.address, 'example.UserService/GetUser'];

describe('the packages in deps.cjs and deps-more.cjs', () => {
  it('a unary call over reflection loads deps.cjs alone of the two, a quarter of their text', async () => {
    const { report, stdout } = await gwb.run<Loaded>(call());
    expect(stdout).toContain('"name": "Ada Lovelace"');
    expect(report.loaded).toEqual(['cli.cjs', 'deps.cjs']);
    expect(report.more).not.toBeNull();
    expect(report.deps).toBeLessThan(((report.deps ?? 0) + (report.more ?? 0)) / 3);
  });

  it('gwb list over reflection loads deps.cjs alone of the two', async () => {
    const { report, stdout } = await gwb.run<Loaded>(['-plaintext', gwb.address, 'list']);
    expect(stdout).toContain('example.UserService\n');
    expect(report.loaded).toEqual(['cli.cjs', 'deps.cjs']);
  });

  it('a call from a .proto file gets protobufjs from deps-more.cjs, protobuf-es from deps.cjs', async () => {
    const protos = path.resolve(import.meta.dirname, '../../resources/protos');
    const { report, stdout } = await gwb.run<Loaded>([
      '-import-path',
      protos,
      '-proto',
      'example.proto',
      ...call(),
    ]);
    expect(stdout).toContain('"name": "Ada Lovelace"');
    expect(report.loaded).toEqual(['cli.cjs', 'deps-more.cjs', 'deps.cjs']);
  });
});
