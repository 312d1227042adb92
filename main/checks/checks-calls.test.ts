// Assertions and captures through the real engine and the demo server: a chain where call 2
// uses what call 1 captured (through the contract's call.start and the session's scope), a
// 1,000-message stream, and a secret captured value that no file, event or view may hold.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JsonValue } from '../../shared/calls/events.js';
import { events, type EventPayload } from '../../shared/contract/index.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { plaintextConnection } from '../../shared/request/index.js';
import { demoRequest, startDemoEngineKit, type EngineKit } from '../engine/engine.testkit.js';
import { historyEntriesOnDisk } from '../workspace/history/history.testkit.js';

let kit: EngineKit;
let target: string;
let schemaId: string;
let workspaceDir: string;

beforeAll(async () => {
  ({ kit, target, schemaId } = await startDemoEngineKit());
  workspaceDir = (await kit.call('workspace.open', {})).dir;
});

afterAll(async () => {
  await kit.close();
});

async function checksOf(
  method: string,
  messages: JsonValue[],
  extra: Partial<RequestDocument>,
): Promise<EventPayload<'call.checks'>> {
  const { callId } = await kit.call('call.start', {
    schemaId,
    request: demoRequest(target, method, messages, extra),
    record: true,
  });
  return kit.waitForEvent('call.checks', (p) => p.callId === callId, 20_000);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** Waits until `count` history entries are on disk and none is half written. */
async function historyWritten(dir: string, count: number): Promise<void> {
  await vi.waitFor(
    () => {
      const history = filesUnder(dir).filter((f) => f.includes('history'));
      expect(history.filter((f) => f.includes('.gwb-tmp'))).toEqual([]);
      // A batch of entries is one file: the entries are counted.
      expect(historyEntriesOnDisk(join(dir, 'history')).length).toBeGreaterThanOrEqual(count);
    },
    { timeout: 10_000, interval: 20 },
  );
}

describe('a chain of calls through call.start', () => {
  it('captures values from call 1 that call 2 sends, a secret one masked everywhere', async () => {
    const first = await checksOf('/example.UserService/GetUser', [{ id: '42' }], {
      assertions: [{ expr: 'status.code == 0' }, { expr: 'response.age > 18' }],
      captures: [
        { name: 'userId', expr: 'response.id' },
        { name: 'userName', expr: 'response.name', secret: true },
        { name: 'user', expr: 'response' },
      ],
    });
    expect(first.passed).toBe(true);
    expect(first.captures).toEqual([
      { index: 0, name: 'userId', secret: false, value: '42' },
      { index: 1, name: 'userName', secret: true },
      // JSON text; the secret inside it is masked in what the UI hears.
      {
        index: 2,
        name: 'user',
        secret: false,
        value: '{"id":"42","name":"[secret:userName]","age":49}',
      },
    ]);
    expect(await kit.call('captures.list', {})).toEqual({
      captures: [
        { name: 'userId', secret: false, value: '42' },
        { name: 'userName', secret: true },
        { name: 'user', secret: false, value: '{"id":"42","name":"[secret:userName]","age":49}' },
      ],
    });

    const second = await checksOf('/example.UserService/GetUser', [{ id: '{{userId}}' }], {
      metadata: [{ key: 'x-echo-auth', value: 'Bearer {{userName}}' }],
      assertions: [
        { expr: 'response.id == "42"' },
        { expr: 'headers["x-echo-auth"].startsWith("Bearer ")' },
        { expr: 'request.message.id == "{{userId}}"' },
      ],
    });
    expect(second.assertions.map((a) => [a.expr, a.passed, a.error])).toEqual([
      ['response.id == "42"', true, undefined],
      ['headers["x-echo-auth"].startsWith("Bearer ")', true, undefined],
      ['request.message.id == "{{userId}}"', true, undefined],
    ]);

    // Call 2 sent the secret (the demo echoed it back); nothing kept or told holds it. Call 1,
    // whose answer held it before its capture knew it, is in history masked and not recorded.
    await historyWritten(workspaceDir, 2); // history is written in batches
    const kept = [...filesUnder(workspaceDir), ...filesUnder(kit.dataDir)];
    expect(kept.some((f) => f.includes('history'))).toBe(true);
    expect(kept.some((f) => f.endsWith('.ndjson'))).toBe(true);
    for (const file of kept) expect(readFileSync(file, 'utf8'), file).not.toContain('Douglas');
    for (const e of kit.events) expect(JSON.stringify(e.payload)).not.toContain('Bearer Douglas');
    for (const e of kit.events.filter((e) => e.topic === 'call.checks'))
      expect(JSON.stringify(e.payload)).not.toContain('Douglas');
    expect(JSON.stringify(kit.events)).toContain('Bearer [secret:userName]');

    // Captured values work in the address and in the auth too.
    await checksOf('/example.UserService/GetUser', [{ id: '1' }], {
      captures: [{ name: 'addr', expr: JSON.stringify(target) }],
    });
    const viaAuth = await checksOf('/example.UserService/GetUser', [{ id: '{{userId}}' }], {
      connection: plaintextConnection('{{addr}}'),
      auth: { type: 'apiKey', header: 'x-echo-key', value: 'k-{{userId}}' },
      assertions: [{ expr: 'headers["x-echo-key"] == "k-42" && response.id == "42"' }],
    });
    expect(viaAuth.assertions[0]).toMatchObject({ passed: true });

    // A failed capture unsets the name: the next call refuses {{userId}} instead of resending 42.
    const third = await checksOf('/example.UserService/GetUser', [{ id: '1' }], {
      captures: [{ name: 'userId', expr: 'response.nope' }],
    });
    expect(third.captures[0]).toMatchObject({ name: 'userId', error: 'no such key "nope"' });
    await expect(
      kit.call('call.start', {
        schemaId,
        request: demoRequest(target, '/example.UserService/GetUser', [{ id: '{{userId}}' }]),
      }),
    ).rejects.toThrow(/unknown variable: \{\{userId\}\} in messages\[0\]\.id/);

    await kit.call('captures.clear', { names: ['user', 'addr'] });
    expect((await kit.call('captures.list', {})).captures.map((c) => c.name)).toEqual(['userName']);
    await kit.call('captures.clear', {});
    expect((await kit.call('captures.list', {})).captures).toEqual([]);
    // Conformance: what was emitted is what the contract declares (kit.call checks outputs).
    for (const e of kit.events.filter((e) => e.topic === 'call.checks'))
      expect(() => events['call.checks'].parse(e.payload)).not.toThrow();
  });
});

describe('a failed call', () => {
  it('shows the status with its decoded details, and says why there is no response', async () => {
    const checks = await checksOf('/example.UserService/GetUser', [{ id: 'nope' }], {
      assertions: [
        { expr: 'status.name == "NOT_FOUND" && status.code == 5' },
        { expr: 'status.details[0].type == "google.rpc.ResourceInfo"' },
        { expr: 'status.details[0].value.resourceName == "users/nope"' },
        { expr: 'response.id == "nope"' },
      ],
    });
    expect(checks.assertions.map((a) => a.error)).toEqual([
      undefined,
      undefined,
      undefined,
      'no response was received (status NOT_FOUND: user "nope" not found)',
    ]);
  });
});

describe('assertions over a server stream', () => {
  it('checks 1,000 messages, and an every-message assertion fails at message 437', async () => {
    const checks = await checksOf('/example.LogService/Tail', [{ lines: 1000, interval_ms: 1 }], {
      assertions: [
        { expr: 'messages.size() == 1000' },
        { expr: 'messages.all(m, m.level != "FATAL")' },
        { expr: 'status.code == 0 && durationMs > 0' },
        { expr: 'int(message.seq) < 437', name: 'every line before 437' },
        { expr: 'messages[999].text.endsWith("line 1000")' },
      ],
    });
    expect(checks.assertions.map((a) => a.passed)).toEqual([true, true, true, false, true]);
    expect(checks.assertions[3]).toEqual({
      index: 3,
      expr: 'int(message.seq) < 437',
      name: 'every line before 437',
      passed: false,
      error: 'evaluated to false',
      messageNumber: 437,
      seen: [{ path: 'message.seq', value: '"437"' }],
    });
    expect(checks.passed).toBe(false);
  }, 30_000);
});
