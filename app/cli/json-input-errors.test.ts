import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gwb } from './cli.testkit.js';
import {
  startBagServer,
  unknownAnyDir,
  type BagServer,
} from '../../main/codec/unknown-any.testkit.js';

describe('gwb -d: a value that does not fit its field is explained in proto terms', () => {
  let server: BagServer;
  beforeAll(async () => {
    server = await startBagServer();
  });
  afterAll(() => server.close());

  it('names the field, its proto type and the value; no JavaScript type names', async () => {
    const run = await gwb([
      '-plaintext',
      '-import-path',
      unknownAnyDir,
      '-proto',
      'bag.proto',
      '-d',
      '{"name": "a"}',
      server.address,
      'gwb.anytest.BagService/Get',
    ]);
    expect(run.code).toBe(0);
    const bad = await gwb([
      '-plaintext',
      '-import-path',
      unknownAnyDir,
      '-proto',
      'bag.proto',
      '-d',
      '{"name": "a", "limit": "ten"}',
      server.address,
      'gwb.anytest.BagService/Get',
    ]);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(
      'gwb: -d: invalid gwb.anytest.Query at limit: expected int64, got "ten"\n',
    );
    expect(bad.code).toBe(1);
  });
});
