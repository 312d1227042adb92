import { describe, expect, it } from 'vitest';
import { callBag, useBagServer } from './bag-server.testkit.js';

// What grpcurl 1.9.3 prints for this call with bag.proto alone (run by hand against the same
// server): each Any of a type the schema lacks stands by itself, the rest of the message is intact.
const GRPCURL_STDOUT = `{
  "name": "bag",
  "single": {
    "@error": "gwb.hidden.Secret is not recognized; see @value for raw binary message data",
    "@type": "type.googleapis.com/gwb.hidden.Secret",
    "@value": "CgVhbHBoYRAB"
  },
  "many": [
    {
      "@error": "gwb.hidden.Secret is not recognized; see @value for raw binary message data",
      "@type": "type.googleapis.com/gwb.hidden.Secret",
      "@value": "CgRiZXRhEAI="
    },
    {
      "@type": "type.googleapis.com/google.protobuf.Timestamp",
      "value": "2023-11-14T22:13:20Z"
    }
  ],
  "byKey": {
    "k": {
      "@error": "gwb.hidden.Secret is not recognized; see @value for raw binary message data",
      "@type": "type.googleapis.com/gwb.hidden.Secret",
      "@value": "CgVnYW1tYRAD"
    }
  },
  "inner": {
    "label": "in",
    "deep": {
      "@error": "gwb.hidden.Wrapper is not recognized; see @value for raw binary message data",
      "@type": "type.googleapis.com/gwb.hidden.Wrapper",
      "@value": "Cgd3cmFwcGVkEjIKJXR5cGUuZ29vZ2xlYXBpcy5jb20vZ3diLmhpZGRlbi5TZWNyZXQSCQoFZGVsdGEQBA=="
    }
  },
  "count": "7"
}
`;

describe('gwb prints a response whose Anys are of types the schema lacks, as grpcurl does', () => {
  const bag = useBagServer();
  const call = (method: string) => callBag(bag.server, method);

  it("unary: stdout is grpcurl's, exit 0", async () => {
    const run = await call('Get');
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(GRPCURL_STDOUT);
    expect(run.code).toBe(0);
  });

  it('a stream: every message in full, none said to be undecodable', async () => {
    const run = await call('Watch');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/could not be decoded/);
    expect(run.stdout).toBe(
      GRPCURL_STDOUT.replace('"bag"', '"first"') + GRPCURL_STDOUT.replace('"bag"', '"second"'),
    );
  });

  it("a status detail of an unknown type: grpcurl's stderr and exit code", async () => {
    const run = await call('Fail');
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        'ERROR:',
        '  Code: FailedPrecondition',
        '  Message: not now',
        '  Details:',
        '  1)\t{',
        '    \t  "@error": "gwb.hidden.Secret is not recognized; see @value for raw binary message data",',
        '    \t  "@type": "type.googleapis.com/gwb.hidden.Secret",',
        '    \t  "@value": "CgdlcHNpbG9uEAU="',
        '    \t}',
        '  2)\t{',
        '    \t  "@type": "type.googleapis.com/google.protobuf.Timestamp",',
        '    \t  "value": "2023-11-14T22:13:20Z"',
        '    \t}',
        '',
      ].join('\n'),
    );
    expect(run.code).toBe(64 + 9);
  });
});
