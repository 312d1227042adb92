// Test helpers for the runner: a real engine (through the router) on a workspace saved for the
// test, the demo server's protos copied into it, and the runner's progress events.
import { cpSync } from 'node:fs';
import path from 'node:path';
import { startEngineKit, type EngineKit } from '../engine/engine.testkit.js';
import type { EngineOptions } from '../engine/index.js';
import { resourcePath } from '../resources.js';
import { openWorkspace, type Workspace } from '../workspace/index.js';
import { removeDir, sampleRequest, tempDir } from '../workspace/workspace.testkit.js';
import type { Input } from '../../shared/contract/index.js';
import type { RunnerProgress, RunResult } from '../../shared/contract/runner-commands.js';
import type { RequestDocument } from '../../shared/request/document.js';
import type { SchemaSourceSpec } from '../../shared/request/schema-source.js';

export const demoFiles: SchemaSourceSpec = {
  kind: 'protoFiles',
  files: ['example.proto'],
  importPaths: ['protos'],
};

export interface RunnerKit {
  kit: EngineKit;
  ws: Workspace;
  save(requestPath: string, overrides: Partial<RequestDocument>): void;
  /** Starts a run and waits for its result. */
  run(input: Input<'runner.start'>): Promise<RunResult>;
  progress(runId: string): RunnerProgress[];
  close(): Promise<void>;
}

export async function startRunnerKit(
  address: () => string,
  /** Engine options over the kit's (observers, to watch the calls as they begin). */
  engine: Partial<EngineOptions> = {},
): Promise<RunnerKit> {
  const kit = startEngineKit(engine);
  const ws = openWorkspace(tempDir('gwb-runner-ws-'));
  cpSync(resourcePath('protos'), path.join(ws.dir, 'protos'), { recursive: true });
  await kit.call('workspace.open', { dir: ws.dir });
  return {
    kit,
    ws,
    save(requestPath, overrides) {
      ws.saveRequest(
        requestPath,
        sampleRequest({
          connection: { address: address(), security: { kind: 'plaintext' } },
          schema: demoFiles,
          metadata: [],
          ...overrides,
        }),
      );
    },
    async run(input) {
      const { runId } = await kit.call('runner.start', input);
      return kit.call('runner.wait', { runId });
    },
    progress(runId) {
      return kit.events
        .filter((e) => e.topic === 'runner.progress')
        .map((e) => e.payload as RunnerProgress)
        .filter((p) => p.runId === runId);
    },
    async close() {
      await kit.close();
      removeDir(ws.dir);
    },
  };
}
