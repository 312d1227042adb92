// A run's own captured values (the registry's start option): its chain substitutes from its own
// scope, a secret captured in it is masked in what the engine keeps, the session's scope is left
// alone and the engine's observer publishes nothing for it (the run judges its calls itself).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { startRunnerKit, type RunnerKit } from '../runner/runner.testkit.js';
import { historyEntriesOnDisk } from '../workspace/history/history.testkit.js';

let server: DemoServer;
let r: RunnerKit;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  r = await startRunnerKit(() => `127.0.0.1:${server.port}`);
  r.save('chain/1 login', {
    messages: [{ id: '42' }],
    captures: [
      { name: 'uid', expr: 'response.id' },
      { name: 'name', expr: 'response.name', secret: true },
    ],
  });
  r.save('chain/2 again', {
    messages: [{ id: '{{uid}}' }],
    // The demo echoes x-echo-* metadata back: the secret goes out through the auth here.
    auth: { type: 'apiKey', header: 'x-echo-key', value: 'Bearer {{name}}' },
    metadata: [{ key: 'x-echo-who', value: 'user {{uid}}' }],
    assertions: [
      { expr: 'status.code == 0 && headers["x-echo-who"] == "user 42"' },
      { expr: 'headers["x-echo-key"] == "Bearer [secret:name]"' },
    ],
  });
  r.save('chain/3 third', {
    messages: [{ id: '{{uid}}' }],
    metadata: [{ key: 'x-echo-again', value: 'Bearer {{name}}' }],
    assertions: [{ expr: 'response.age == 49' }],
  });
});

afterAll(async () => {
  await r.close();
  await server.close();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('a run with its own captured values', () => {
  it('chains three requests, keeps the secret masked, and leaves the session scope alone', async () => {
    const result = await r.run({ target: 'chain', environment: null });
    expect(result.results.map((x) => [x.path, x.passed, x.error])).toEqual([
      ['chain/1 login', true, undefined],
      ['chain/2 again', true, undefined],
      ['chain/3 third', true, undefined],
    ]);
    expect(result.results[0]?.captured).toEqual(['uid', 'name']);
    // The run's values stayed in the run; the engine published no checks of its own for it.
    expect(await r.kit.call('captures.list', {})).toEqual({ captures: [] });
    expect(r.kit.events.filter((e) => e.topic === 'call.checks')).toEqual([]);
    // Calls 2 and 3 sent the secret (auth, metadata), call 1's answer held it before its
    // capture knew it: history holds it masked only (written in batches: flushed first).
    const history = await vi.waitFor(
      () => {
        const found = filesUnder(r.ws.dir).filter((f) => f.includes('history'));
        expect(found.filter((f) => f.includes('.gwb-tmp'))).toEqual([]);
        // A batch of entries is one file: the entries are counted.
        expect(historyEntriesOnDisk(join(r.ws.dir, 'history')).length).toBeGreaterThanOrEqual(3);
        return found;
      },
      { timeout: 10_000, interval: 20 },
    );
    const kept = history.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(kept).not.toContain('Douglas');
    for (const e of r.kit.events) expect(JSON.stringify(e.payload)).not.toContain('Bearer Douglas');
  }, 30_000);
});
