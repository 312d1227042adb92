import { describe, expect, it } from 'vitest';
import { resourcePath } from '../../main/resources.js';
import { useHookedGwb } from './hooked-gwb.testkit.js';
import { DATA_NOT_USED_WARNING } from './main.js';

// zod is served to a command when it first builds a schema, not when a module that declares one is
// evaluated: the request document's modules are imported by every command that reads grpcurl
// flags, yet `list` and `describe` build no request document (only the connection flags and
// -max-time, shared/grpcurl browseTargetFromGrpcurl) and load no zod: about a tenth of a list
// (callgrind, from .proto files 833 M -> 756 M instructions, over reflection 856 M -> 769 M). Two things keep it so: deps.cjs's ES
// module over a package re-exports its `default` instead of reading it (zod has one), and
// shared/json's JsonValueSchema is declared with lazySchema like the document's own schemas.
// A unary call loads none either (~10% of its instructions, 926 M -> 834 M): every schema is built
// on first use, the document from its flags passes the plain check (shared/request/plain-check.ts)
// and the engine is handed it, and the ids it gave, without a second check (CliEngine.runParsed).
// A call from .proto files loads none since its files passed the plain check too (schema.load
// took them unchecked a second time: zod was ~25 ms of a -proto call's start), nor a client
// stream from -d @ (each call.send's message passes it: zod checked every one). A command that
// checks with zod still loads it: a document the plain check leaves to the schema.
const gwb = useHookedGwb(
  'gwb-zod-first-use-',
  `let zod;
onServed((specifier, served) => {
  if (specifier === 'zod') zod = served;
});
const localesLoaded = () => zod.locales[Symbol.for('gwb.loadedFiles')] ?? 'not lazy';
reportAtExit(() => {
  if (!zod) return { asked };
  const locales = localesLoaded();
  const french = typeof zod.locales.fr === 'function' ? localesLoaded() : 'no fr';
  return { asked, locales, afterReadingFrench: french };
});
`,
);

const fromFiles = ['-import-path', resourcePath('protos'), '-proto', 'example.proto'];
const GET_USER = 'example.UserService/GetUser';
/** A call from .proto files. */
const callFromFiles = (): string[] => [
  ...fromFiles,
  '-plaintext',
  '-d',
  '{"id":"1"}',
  gwb.address,
  GET_USER,
];
/** A call whose document the plain check leaves to the schema, which refuses it (zod checks). */
const checkedCall = (): string[] => [
  '-plaintext',
  gwb.address,
  `example.UserService/${'x'.repeat(300)}`,
];
const REFUSED = 'gwb: name: longer than 200 characters\n';

async function askedBy(args: string[]): Promise<{ asked: string[]; stdout: string }> {
  const run = await gwb.run<{ asked: string[] }>(args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return { asked: run.report.asked, stdout: run.stdout };
}

describe('gwb loads zod when a schema is first used', () => {
  it('list of .proto files loads no zod', async () => {
    const { asked, stdout } = await askedBy([...fromFiles, 'list']);
    expect(stdout).toContain('example.UserService\n');
    expect(asked).toContain('@bufbuild/protobuf');
    expect(asked).not.toContain('zod');
  });

  it('describe from .proto files loads no zod', async () => {
    const { asked, stdout } = await askedBy([...fromFiles, 'describe', 'example.UserService']);
    expect(stdout).toContain('service UserService {');
    expect(asked).not.toContain('zod');
  });

  it('list and describe over reflection load no zod: they build no request document', async () => {
    const list = await askedBy(['-plaintext', gwb.address, 'list']);
    expect(list.stdout).toContain('example.UserService\n');
    expect(list.asked).toContain('@grpc/grpc-js');
    expect(list.asked).not.toContain('zod');
    const described = await askedBy(['-plaintext', gwb.address, 'describe', 'example.User']);
    expect(described.stdout).toContain('example.User is a message:');
    expect(described.asked).not.toContain('zod');
  });

  it("list ignores -d text that is not JSON, with grpcurl's warning, as grpcurl does", async () => {
    const run = await gwb.run<{ asked: string[] }>([
      '-plaintext',
      '-d',
      '{bad',
      gwb.address,
      'list',
    ]);
    expect(run.stderr).toBe(DATA_NOT_USED_WARNING);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('example.UserService\n');
  });

  it.each([
    [[]],
    [['-H', 'x-trace: on', '-max-time', '5', '-connect-timeout', '3', '-emit-defaults']],
  ])('a unary call over reflection (%j) loads no zod', async (flags) => {
    const call = ['-plaintext', ...flags, '-d', '{"id":"1"}', gwb.address, GET_USER];
    const { asked, stdout } = await askedBy(call);
    expect(stdout).toContain('"name": "Ada Lovelace"');
    expect(asked).toContain('@grpc/grpc-js');
    expect(asked).not.toContain('zod');
  });

  it("a call evaluates none of zod's locales; one is evaluated when read", async () => {
    // zod's locales index is lazy in deps.cjs (scripts/cli-bundle.mjs): gwb reads none of the
    // fifty, and zod sets English up from its own file. (A call that checks with zod.)
    const run = await gwb.run<{ locales: unknown; afterReadingFrench: unknown }>(checkedCall());
    expect(run.stderr).toBe(REFUSED);
    expect(run.report.locales).toEqual([]);
    expect(run.report.afterReadingFrench).toEqual(['./fr.cjs']);
  });

  it('a unary call from .proto files loads no zod: its files pass the plain check', async () => {
    const { asked, stdout } = await askedBy(callFromFiles());
    expect(stdout).toContain('"name": "Ada Lovelace"');
    expect(asked).toContain('@bufbuild/protobuf');
    expect(asked).not.toContain('zod');
  });

  it('a client stream from -d @ loads no zod: each message passes the plain check', async () => {
    const upload = [
      ...fromFiles,
      '-plaintext',
      '-d',
      '@',
      gwb.address,
      'example.BatchService/Upload',
    ];
    const records = '{"key":"a","text":"x"}\n{"key":"b","number":2}\n';
    const run = await gwb.run<{ asked: string[] }>(upload, records);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\{/);
    expect(run.report.asked).not.toContain('zod');
  });

  it('a document the schema refuses is refused as before, in its words', async () => {
    const run = await gwb.run<{ asked: string[] }>(checkedCall());
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(REFUSED);
    expect(run.report.asked).toContain('zod');
  });
});
