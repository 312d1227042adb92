// Issue 17: a capture forwards to its target the way the connection says, through the HTTP CONNECT
// proxy it names (real tinyproxy), as the channel that reflects on the target does.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toChannelConfig } from '../channels/index.js';
import { tempDir } from '../recording/recording.testkit.js';
import { startTinyproxy, type Tinyproxy } from '../proxy/tinyproxy.testkit.js';
import {
  startRecordingProxy,
  startTargetServer,
  stub,
  until,
  type TargetServer,
} from './capture.testkit.js';

type Obj = Record<string, unknown>;

let target: TargetServer;
let tinyproxy: Tinyproxy;
const tmp = tempDir();

beforeAll(async () => {
  target = await startTargetServer();
  tinyproxy = await startTinyproxy();
});
afterAll(async () => {
  await tinyproxy?.close();
  await target?.close();
  tmp.remove();
});

describe('capture through the connection’s HTTP proxy', () => {
  it('forwards each call through the proxy’s tunnel to the target, and records it', async () => {
    const config = toChannelConfig(
      {
        address: `127.0.0.1:${target.port}`,
        security: { kind: 'plaintext' },
        proxy: { url: tinyproxy.url },
      },
      { env: {} },
    );
    const rec = await startRecordingProxy(target.port, tmp.dir, { target: config });
    try {
      const client = stub('UserService', rec.proxy.port) as grpc.Client & {
        GetUser: (req: Obj, cb: (e: grpc.ServiceError | null, r?: Obj) => void) => void;
      };
      const reply = await new Promise<Obj | undefined>((resolve, reject) =>
        client.GetUser({ id: 'a' }, (e, r) => {
          client.close();
          if (e) reject(e);
          else resolve(r);
        }),
      );
      expect(reply).toMatchObject({ name: 'user a' });
      expect(tinyproxy.connects()).toEqual([`127.0.0.1:${target.port}`]);
      await until(() => rec.calls.length === 1, 'the call recorded');
      expect(rec.calls[0]).toMatchObject({ received: 1, status: { code: 0 } });
    } finally {
      await rec.proxy.close();
    }
  });
});
