import { describe, expect, it } from 'vitest';
import { useHookedGwb } from './hooked-gwb.testkit.js';

// Each well-known file of @bufbuild/protobuf builds its descriptor when it is evaluated, and the
// package's wkt index evaluates all fifteen. gwb's deps.cjs evaluates each on first use
// (scripts/cli-bundle.mjs) and main/schema/wkt.ts reads each by name when asked, so `gwb list`
// builds descriptor.proto only and a call only the JSON types. Checked on the real bundle against
// the demo server: the hook records which files deps.cjs's wkt module evaluated.
const gwb = useHookedGwb(
  'gwb-wkt-first-use-',
  `let wkt;
onServed((specifier, served) => {
  if (specifier === '@bufbuild/protobuf/wkt') wkt = served;
});
reportAtExit(() => (wkt ? wkt[Symbol.for('gwb.loadedFiles')] ?? 'not lazy' : 'not asked'));
`,
);

/** The well-known files (as the wkt index names them) the command evaluated, and its stdout. */
async function wellKnownFilesOf(args: string[]): Promise<{ files: unknown; stdout: string }> {
  const { report, stdout } = await gwb.run<unknown>(args);
  return { files: report, stdout };
}

describe('well-known files are built on first use', () => {
  it('gwb list over reflection builds descriptor.proto only', async () => {
    const { files, stdout } = await wellKnownFilesOf(['-plaintext', gwb.address, 'list']);
    expect(stdout).toContain('example.UserService\n');
    expect(files).toEqual(['./google/protobuf/descriptor_pb.js']);
  });

  it('a unary call builds no file its JSON does not need (api, type, plugin, feature sets)', async () => {
    const call = ['-plaintext', '-d', '{"id":"1"}', gwb.address, 'example.UserService/GetUser'];
    const { files, stdout } = await wellKnownFilesOf(call);
    expect(stdout).toContain('"name": "Ada Lovelace"');
    expect(files).toContain('./google/protobuf/descriptor_pb.js');
    for (const unused of ['api_pb', 'type_pb', 'plugin_pb', 'cpp_features_pb', 'java_features_pb'])
      expect((files as string[]).some((f) => f.endsWith(`/${unused}.js`))).toBe(false);
  });

  it('a call whose types are all in its schema builds descriptor.proto only', async () => {
    // The codec's registry falls back to the JSON well-known types (main/codec/fallback-registry.ts)
    // only for a name its schema lacks, an Any's @type say: none here, so none is built.
    const call = ['-plaintext', '-d', '{"id":"1"}', gwb.address, 'example.UserService/GetUser'];
    const { files, stdout } = await wellKnownFilesOf(call);
    expect(stdout).toContain('"name": "Ada Lovelace"');
    expect(files).toEqual(['./google/protobuf/descriptor_pb.js']);
  });
});
