// The replay tests' common set-up, once: the demo server, a plaintext client to it and a temp
// folder, started before a file's tests and closed after them.
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/demo-server.js';
import { plainClient, tempDir } from '../recording.testkit.js';

export interface DemoReplayFixture {
  tmp: ReturnType<typeof tempDir>;
  /** `127.0.0.1:PORT` of the demo server (in a test, not at the file's top level). */
  readonly target: string;
  readonly client: grpc.Client;
}

export function demoReplayFixture(): DemoReplayFixture {
  const tmp = tempDir();
  let demo: DemoServer | undefined;
  let client: grpc.Client | undefined;
  beforeAll(async () => {
    demo = await startDemoServer({ port: 0 });
    client = plainClient(`127.0.0.1:${demo.port}`);
  });
  afterAll(async () => {
    client?.close();
    await demo?.close();
    tmp.remove();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the demo server is started in beforeAll');
    return value;
  };
  return {
    tmp,
    get target() {
      return `127.0.0.1:${started(demo).port}`;
    },
    get client() {
      return started(client);
    },
  };
}
