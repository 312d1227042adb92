// A grpcurl-style gwb call takes nothing from a workspace (no environment, no saved request), so
// the engine opens none: its data folder is left without a workspace (no files written and synced
// on every call). Real demo server, the engine gwb runs in process, the real filesystem.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { newRequest } from '../../shared/request/document.js';
import { runCall } from './call-runner.js';
import { withCliEngine } from './engine-host.js';

let demo: DemoServer;
let dataDir: string;

beforeAll(async () => {
  demo = await startDemoServer({});
  dataDir = mkdtempSync(path.join(tmpdir(), 'gwb-one-shot-'));
});

afterAll(async () => {
  await demo?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a grpcurl-style call', () => {
  it('reflects and calls without creating a workspace in the data folder', async () => {
    const connection = {
      address: `127.0.0.1:${demo.port}`,
      security: { kind: 'plaintext' as const },
    };
    const status = await withCliEngine({ dataDir }, async (engine) => {
      const { schemaId } = await engine.run('schema.load', {
        source: { kind: 'reflection' },
        connection,
      });
      const request = {
        ...newRequest(connection, '/example.UserService/GetUser'),
        messages: [{ id: '1' }],
      };
      const result = await runCall(engine, { schemaId, request, onEvent: () => {} });
      return result.status?.code;
    });
    expect(status).toBe(0);
    expect(existsSync(path.join(dataDir, 'workspace'))).toBe(false);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
