import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gwb } from './cli.testkit.js';
import { startMapServer, type MapServer } from '../../main/codec/map-order.testkit.js';
import { callBag, useBagServer } from './bag-server.testkit.js';

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
  const bag = useBagServer();
  const call = (method: string) => callBag(bag.server, method, ['-format', 'text']);

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

// What grpcurl 1.9.3 prints with `-format text` and reflection for this call (run by hand against the
// same server): gwb.packed.Payload, found through reflection, and gwb.nowhere.Ghost, known to no
// one, are both printed raw.
const GRPCURL_MAPS = `by_name: <
  key: "Z"
  value: "Z"
>
by_name: <
  key: "a"
  value: "A"
>
by_name: <
  key: "b"
  value: "B"
>
by_name: <
  key: "~"
  value: "tilde"
>
by_name: <
  key: "\\303\\251"
  value: "E-acute"
>
by_int: <
  key: 0
  value: "zero"
>
by_int: <
  key: 3
  value: "three"
>
by_int: <
  key: 5
  value: "five"
>
by_int: <
  key: 100
  value: "hundred"
>
by_long: <
  key: 7
  value: "a"
>
by_long: <
  key: 300
  value: "c"
>
by_long: <
  key: 4294967296
  value: "big"
>
by_ulong: <
  key: 2
  value: "two"
>
by_ulong: <
  key: 10
  value: "ten"
>
by_ulong: <
  key: 18446744073709551615
  value: "max"
>
by_flag: <
  key: false
  value: "no"
>
by_flag: <
  key: true
  value: "yes"
>
children: <
  key: "x"
  value: <
    by_flag: <
      key: false
      value: "f"
    >
    by_flag: <
      key: true
      value: "t"
    >
  >
>
children: <
  key: "y"
  value: <
    by_name: <
      key: "p"
      value: "2"
    >
    by_name: <
      key: "q"
      value: "1"
    >
  >
>
doc: <
  fields:<key:"aa" value:<struct_value:<fields:<key:"k1" value:<string_value:"v" > > fields:<key:"k2" value:<bool_value:true > > > > > fields:<key:"zz" value:<number_value:1 > > 
>
packed: <
  type_url:"type.googleapis.com/gwb.packed.Payload" value:"\\n\\001z\\020\\001\\032\\005\\n\\001b\\020\\002\\032\\005\\n\\001a\\020\\001\\"\\001m" 
>
list: <
  by_name: <
    key: "c"
    value: "3"
  >
  by_name: <
    key: "d"
    value: "4"
  >
>
ghost: <
  type_url:"type.googleapis.com/gwb.nowhere.Ghost" value:"\\010\\001" 
>
`;

describe('gwb -format text with an Any of a type found through reflection', () => {
  let server: MapServer;
  beforeAll(async () => {
    server = await startMapServer();
  });
  afterAll(() => server.close());

  it("stdout is grpcurl's (the Anys raw), exit 0", async () => {
    const run = await gwb([
      '-plaintext',
      '-format',
      'text',
      server.address,
      'gwb.maptest.MapService/Get',
    ]);
    expect(run.stderr).toBe('');
    // Byte for byte: the packed bytes as the server sent them (its map entries b before a).
    expect(run.stdout).toBe(GRPCURL_MAPS);
    expect(run.code).toBe(0);
  });
});
