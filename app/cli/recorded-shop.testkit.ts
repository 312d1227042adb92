// What a test of what gwb sends needs, written once: a reflection server for the shop protos that
// records what it receives (every call's metadata, every message), started before the file's
// tests and stopped after them, gwb run against it; and, for the saved-request commands, a
// workspace with secrets (secret-workspace.testkit) whose environment `e` they run in.
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll } from 'vitest';
import {
  startRecordedShopServer,
  type Recorder,
  type RunningServer,
} from '../../main/reflection/reflection-servers.testkit.js';
import type { Workspace } from '../../main/workspace/index.js';
import { sampleRequest } from '../../main/workspace/workspace.testkit.js';
import type { Connection } from '../../shared/request/connection.js';
import type { EnvironmentInput } from '../../shared/workspace/environment.js';
import { gwb, type CliRun } from './cli.testkit.js';
import { openSecretWorkspace, type SecretWorkspace } from './secret-workspace.testkit.js';

/** A gwb run and what the server received during it. */
export interface ShopRun extends CliRun {
  calls: Recorder['calls'];
  messages: Recorder['messages'];
}

export interface RecordedShop {
  /** The server's address (set before the file's first test). */
  readonly address: string;
  /** Runs `gwb …args`; a non-zero exit is answered, not thrown. */
  run(args: string[]): Promise<ShopRun>;
}

/** Starts the recording shop server before the file's tests; it is stopped after them. */
export function useRecordedShopServer(): RecordedShop {
  let server: RunningServer | undefined;
  let recorder: Recorder | undefined;
  beforeAll(async () => {
    ({ server, recorder } = await startRecordedShopServer());
  });
  afterAll(() => server?.close());
  const started = () => {
    if (!server || !recorder) throw new Error('the shop server starts in beforeAll');
    return { server, recorder };
  };
  return {
    get address() {
      return started().server.address;
    },
    async run(args) {
      const { recorder: seen } = started();
      seen.calls.length = 0;
      seen.messages.length = 0;
      const run = await gwb(args);
      return { ...run, calls: [...seen.calls], messages: [...seen.messages] };
    },
  };
}

/** Each value of `key` in the calls' metadata, as text (a -bin value's bytes as UTF-8). */
export function metadataValues(calls: readonly { metadata: grpc.Metadata }[], key: string) {
  return calls.flatMap(({ metadata }) => metadata.get(key).map((v) => Buffer.from(v).toString()));
}

export interface ShopWorkspace {
  readonly ws: Workspace;
  /** Saves `name`: a GetItem call to the shop server over reflection, `connection` laid over. */
  saveItemRequest(name: string, connection?: Partial<Connection>): void;
  /** `gwb …args --workspace W --env e`, as RecordedShop.run. */
  run(args: string[]): Promise<ShopRun>;
}

/**
 * A workspace with secrets whose environment `e` holds `variables`, opened before the file's tests
 * (after the shop server: call it after useRecordedShopServer) and removed after them.
 */
export function useShopWorkspace(
  shop: RecordedShop,
  variables: EnvironmentInput['variables'],
): ShopWorkspace {
  let secrets: SecretWorkspace | undefined;
  beforeAll(async () => {
    secrets = openSecretWorkspace();
    await secrets.ws.environments.save({ name: 'e', variables });
  });
  afterAll(() => secrets?.close());
  const ws = () => {
    if (!secrets) throw new Error('the workspace opens in beforeAll');
    return secrets.ws;
  };
  return {
    get ws() {
      return ws();
    },
    saveItemRequest(name, connection = {}) {
      ws().saveRequest(
        name,
        sampleRequest({
          connection: { address: shop.address, security: { kind: 'plaintext' }, ...connection },
          schema: { kind: 'reflection' },
          method: '/shop.v1.Catalog/GetItem',
          messages: [{}],
          metadata: [],
        }),
      );
    },
    run: (args) => shop.run([...args, '--workspace', ws().dir, '--env', 'e']),
  };
}
