import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourcePath } from '../../main/resources.js';
import { sampleRequest } from '../../main/workspace/workspace.testkit.js';
import { useHookedGwb } from './hooked-gwb.testkit.js';
import { openSecretWorkspace } from './secret-workspace.testkit.js';

// The built gwb asks dist/deps.cjs for a package when its command first USES one of the
// package's exports, not when a module importing it is evaluated (scripts/cli-bundle.mjs): the
// engine a call runs on builds every feature, load runs and checks included, yet a call must not
// load their packages. And zod runs jitless in gwb: no parser compiled with `new Function` for a
// schema that parses once. Checked on the real bundle against the demo server, by recording the
// packages asked for and every Function built from source.
const gwb = useHookedGwb(
  'gwb-first-use-',
  `let compiled = 0;
const NativeFunction = Function;
globalThis.Function = new Proxy(NativeFunction, {
  construct(target, args, newTarget) {
    compiled++;
    return Reflect.construct(target, args, newTarget === globalThis.Function ? target : newTarget);
  },
  apply(target, self, args) {
    compiled++;
    return Reflect.apply(target, self, args);
  },
});
reportAtExit(() => ({ asked, compiled }));
`,
);

interface Run {
  packages: string[];
  /** Functions built from source text (new Function / Function()). */
  compiled: number;
  stdout: string;
}

async function run(args: string[]): Promise<Run> {
  const { report, stdout } = await gwb.run<{ asked: string[]; compiled: number }>(args);
  return { packages: report.asked, compiled: report.compiled, stdout };
}

describe('gwb asks for a package when it uses it', () => {
  it('a unary call loads neither the load runner’s histograms nor CEL nor the text format', async () => {
    const call = ['-plaintext', '-d', '{"id":"1"}', gwb.address, 'example.UserService/GetUser'];
    const { packages, stdout } = await run(call);
    expect(stdout).toContain('"name": "Ada Lovelace"');
    expect(packages).toContain('@grpc/grpc-js');
    for (const unused of [
      'zod',
      'hdr-histogram-js',
      '@bufbuild/cel',
      '@bufbuild/protobuf/txtpb',
      'protobufjs',
    ])
      expect(packages).not.toContain(unused);
  });

  it('-format text does load the text format (it is used)', async () => {
    const call = [
      '-plaintext',
      '-format',
      'text',
      '-d',
      'id: "1"',
      gwb.address,
      'example.UserService/GetUser',
    ];
    const { packages, stdout } = await run(call);
    expect(stdout).toContain('name: "Ada Lovelace"');
    expect(packages).toContain('@bufbuild/protobuf/txtpb');
  });
});

describe('zod in gwb', () => {
  it('compiles no parser from source for a call or list', async () => {
    // A saved request is checked with zod when it is read (a call from flags alone, .proto files
    // included, loads no zod at all). protobufjs builds one constructor from source when it reads
    // the .proto files, as a `list` of the same files (which loads no zod) does: zod adds none.
    const workspace = openSecretWorkspace();
    try {
      const protos = path.join(workspace.ws.dir, 'protos');
      mkdirSync(protos);
      copyFileSync(resourcePath('protos', 'example.proto'), path.join(protos, 'example.proto'));
      workspace.ws.saveRequest(
        'c/get user',
        sampleRequest({
          connection: { address: gwb.address, security: { kind: 'plaintext' } },
          schema: { kind: 'protoFiles', files: ['example.proto'], importPaths: ['protos'] },
          metadata: [],
        }),
      );
      const call = await run(['request', 'run', 'c/get user', '--workspace', workspace.ws.dir]);
      expect(call.stdout).toContain('"name": "Ada Lovelace"');
      expect(call.packages).toContain('zod');
      const filesList = await run(['-import-path', protos, '-proto', 'example.proto', 'list']);
      expect(filesList.packages).not.toContain('zod');
      expect(call.compiled).toBe(filesList.compiled);
    } finally {
      workspace.close();
    }
    const list = await run(['-plaintext', gwb.address, 'list']);
    expect(list.stdout).toContain('example.UserService\n');
    expect(list.compiled).toBe(0);
  });
});
