import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gwb } from './cli.testkit.js';
import {
  startBagServer,
  unknownAnyDir,
  type BagServer,
} from '../../main/codec/unknown-any.testkit.js';

// What grpcurl 1.9.3 prints with `-format text` for this call with bag.proto alone (run by hand
// against the same server): every Any raw, its type_url and packed bytes on one line, whether its
// type is known or not (grpcurl does not expand Anys in text format), exit 0.
const GRPCURL_STDOUT = `name: "bag"
single: <
  type_url:"type.googleapis.com/gwb.hidden.Secret" value:"\\n\\005alpha\\020\\001" 
>
many: <
  type_url:"type.googleapis.com/gwb.hidden.Secret" value:"\\n\\004beta\\020\\002" 
>
many: <
  type_url:"type.googleapis.com/google.protobuf.Timestamp" value:"\\010\\200\\342\\317\\252\\006" 
>
by_key: <
  key: "k"
  value: <
    type_url:"type.googleapis.com/gwb.hidden.Secret" value:"\\n\\005gamma\\020\\003" 
  >
>
inner: <
  label: "in"
  deep: <
    type_url:"type.googleapis.com/gwb.hidden.Wrapper" value:"\\n\\007wrapped\\0222\\n%type.googleapis.com/gwb.hidden.Secret\\022\\t\\n\\005delta\\020\\004" 
  >
>
count: 7
`;

describe('gwb -format text prints a response whose Anys are of types the schema lacks, as grpcurl does', () => {
  let server: BagServer;
  beforeAll(async () => {
    server = await startBagServer();
  });
  afterAll(() => server.close());

  const call = (method: string) =>
    gwb([
      '-plaintext',
      '-format',
      'text',
      '-import-path',
      unknownAnyDir,
      '-proto',
      'bag.proto',
      server.address,
      `gwb.anytest.BagService/${method}`,
    ]);

  it("unary: stdout is grpcurl's, exit 0", async () => {
    const run = await call('Get');
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(GRPCURL_STDOUT);
    expect(run.code).toBe(0);
  });

  it("a stream: both messages in full, grpcurl's separator between them", async () => {
    const run = await call('Watch');
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      GRPCURL_STDOUT.replace('"bag"', '"first"') +
        '\x1e' +
        GRPCURL_STDOUT.replace('"bag"', '"second"'),
    );
    expect(run.code).toBe(0);
  });
});
