import { describe, expect, it } from 'vitest';
import { resourcePath } from '../../main/resources.js';
import { useHookedGwb } from './hooked-gwb.testkit.js';

// Start-up is most of a short gwb command, so it loads only the packages its path needs: `gwb list`
// and a call over reflection never load protobufjs (the .proto parser; reflection hands over
// descriptors, and google.rpc.Status is prebuilt), and a call makes no Intl.Collator (making one
// loads ICU's collation data; the engine's folder listings and workspace tree make theirs when
// they sort). Checked on the real bundle against a real server by recording every package Node is
// asked for (light-start.test.ts does the same for commands that load none).
const gwb = useHookedGwb(
  'gwb-light-calls-',
  `let collators = 0;
const Collator = Intl.Collator;
Intl.Collator = function (...args) {
  collators++;
  return new Collator(...args);
};
reportAtExit(() => ({ asked, collators }));
`,
);

interface Run {
  /** The packages asked for. */
  packages: string[];
  /** How many Intl.Collators were made. */
  collators: number;
  code: number;
  stdout: string;
  stderr: string;
}

/** What `gwb …args` asked for and made, and what it printed. */
async function packagesOf(args: string[]): Promise<Run> {
  const { report, ...run } = await gwb.run<{ asked: string[]; collators: number }>(args);
  return { packages: report.asked, collators: report.collators, ...run };
}

describe('gwb loads only what its command needs', () => {
  it('list over reflection does not load the .proto parser', async () => {
    const { packages, stdout } = await packagesOf(['-plaintext', gwb.address, 'list']);
    expect(stdout).toContain('example.UserService\n');
    expect(packages).toContain('@grpc/grpc-js');
    expect(packages).not.toContain('protobufjs');
  });

  it('a unary call over reflection loads neither the .proto parser nor a collator', async () => {
    const call = ['-plaintext', '-d', '{"id":"1"}', gwb.address, 'example.UserService/GetUser'];
    const { packages, collators, stdout } = await packagesOf(call);
    expect(stdout).toContain('"name": "Ada Lovelace"');
    expect(packages).toContain('@grpc/grpc-js');
    expect(packages).not.toContain('protobufjs');
    expect(collators).toBe(0);
  });

  it('a call whose status carries details decodes them without the .proto parser', async () => {
    // The demo server answers GetUser with an empty id by INVALID_ARGUMENT and a BadRequest.
    const call = [
      '-plaintext',
      '-format-error',
      '-d',
      '{}',
      gwb.address,
      'example.UserService/GetUser',
    ];
    const { packages, code, stderr } = await packagesOf(call);
    expect(code).toBe(64 + 3);
    expect(JSON.parse(stderr)).toMatchObject({
      details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{}] }],
    });
    expect(packages).not.toContain('protobufjs');
  });

  it('list of .proto files does load it (the check sees it)', async () => {
    const { packages, stdout } = await packagesOf([
      '-import-path',
      resourcePath('protos'),
      '-proto',
      'example.proto',
      'list',
    ]);
    expect(stdout).toContain('example.UserService\n');
    expect(packages).toContain('protobufjs');
  });
});
