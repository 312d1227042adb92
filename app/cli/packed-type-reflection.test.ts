import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gwb } from './cli.testkit.js';
import { mapOrderDir, startMapServer, type MapServer } from '../../main/codec/map-order.testkit.js';

// The server's reflection knows gwb.packed.Payload, though no file of a service it lists imports
// it; its answer packs one in an Any. grpcurl asks reflection for such a type (by name) and prints
// the real message, and describes it by name: so does gwb.

let server: MapServer;

beforeAll(async () => {
  server = await startMapServer();
});

afterAll(() => server.close());

describe('a type only packed in Anys, found by server reflection', () => {
  it('the call prints the packed message, keys in grpcurl order', async () => {
    const run = await gwb(['-plaintext', server.address, 'gwb.maptest.MapService/Get']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const packed = run.stdout.slice(run.stdout.indexOf('"packed"'), run.stdout.indexOf('"list"'));
    expect(packed).toBe(
      [
        '"packed": {',
        '    "@type": "type.googleapis.com/gwb.packed.Payload",',
        '    "alpha": 1,',
        '    "counts": {',
        '      "a": 1,',
        '      "b": 2',
        '    },',
        '    "mid": "m",',
        '    "zeta": "z"',
        '  },',
        '  ',
      ].join('\n'),
    );
  });

  it('describe finds it by name', async () => {
    const run = await gwb(['-plaintext', server.address, 'describe', 'gwb.packed.Payload']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('gwb.packed.Payload is a message:\nmessage Payload {');
  });

  it('a name the server does not know either is still "not found"', async () => {
    const run = await gwb(['-plaintext', server.address, 'describe', 'gwb.packed.Nope']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('symbol gwb.packed.Nope not found');
  });

  it('with reflection and files (-use-reflection -proto), reflection still finds it', async () => {
    const run = await gwb([
      '-plaintext',
      '-use-reflection',
      '-import-path',
      mapOrderDir,
      '-proto',
      'maps.proto',
      server.address,
      'gwb.maptest.MapService/Get',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '"@type": "type.googleapis.com/gwb.packed.Payload",\n    "alpha": 1',
    );
  });

  it('with the files only (no reflection), it stays unknown, as in grpcurl', async () => {
    const run = await gwb([
      '-plaintext',
      '-import-path',
      mapOrderDir,
      '-proto',
      'maps.proto',
      server.address,
      'gwb.maptest.MapService/Get',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"@error": "gwb.packed.Payload is not recognized');
  });
});
