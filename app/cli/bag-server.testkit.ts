// The bag server for gwb's tests (main/codec/unknown-any.testkit.ts: answers whose Anys pack types
// that bag.proto does not import, from hidden.proto), started once per test file, and gwb's call of
// one of its methods with bag.proto (and any more flags) — the set-up the unknown-Any tests share.
import { afterAll, beforeAll } from 'vitest';
import { gwb, type CliRun } from './cli.testkit.js';
import {
  startBagServer,
  unknownAnyDir,
  type BagServer,
} from '../../main/codec/unknown-any.testkit.js';

/** bag.proto alone: the service, without the types its answers pack. */
export const BAG_SCHEMA = ['-import-path', unknownAnyDir, '-proto', 'bag.proto'];
/** bag.proto and hidden.proto: every type the answers pack is known. */
export const BAG_AND_HIDDEN_SCHEMA = [...BAG_SCHEMA, '-proto', 'hidden.proto'];

/** Starts the bag server before the file's tests and stops it after; call at the top level. */
export function useBagServer(): { readonly server: BagServer } {
  let server: BagServer | undefined;
  beforeAll(async () => {
    server = await startBagServer();
  });
  afterAll(() => server?.close());
  return {
    get server(): BagServer {
      if (!server) throw new Error('the bag server is not started yet (use it inside a test)');
      return server;
    },
  };
}

/** `gwb -plaintext FLAGS SCHEMA ADDRESS gwb.anytest.BagService/METHOD`. */
export function callBag(
  server: BagServer,
  method: string,
  flags: string[] = [],
  schema: string[] = BAG_SCHEMA,
): Promise<CliRun> {
  return gwb([
    '-plaintext',
    ...flags,
    ...schema,
    server.address,
    `gwb.anytest.BagService/${method}`,
  ]);
}
