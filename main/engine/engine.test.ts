import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wellKnownIncludes } from '../codec/protoc.testkit.js';
import { createServer, type AddressInfo } from 'node:net';
import {
  COMMAND_NAMES,
  EVENT_TOPICS,
  events as eventSchemas,
  type EventPayload,
} from '../../shared/contract/index.js';
import { resourcePath } from '../resources.js';
import { callEventsOf, demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';
import { workspaceCommands } from '../../shared/contract/workspace-commands.js';
import { folderCommands } from '../../shared/contract/folder-commands.js';
import { fileCommands } from '../../shared/contract/file-commands.js';
import { recordingCommands, recordingEvents } from '../../shared/contract/recording-commands.js';
import { checksCommands, checksEvents } from '../../shared/contract/checks-commands.js';
import { loadCommands, loadEvents } from '../../shared/contract/load-commands.js';
import { captureCommands, captureEvents } from '../../shared/contract/capture-commands.js';
import { runnerCommands, runnerEvents } from '../../shared/contract/runner-commands.js';
import { grpcurlCommands } from '../../shared/contract/grpcurl-commands.js';

// Contract conformance: every command runs through the router against the real engine and the
// embedded demo server (a real grpc-js server with reflection); every event topic is emitted.

const exercised = new Set<string>();
let kit: EngineKit;
let target: string;
let schemaId: string;
let reflectedId: string;

const plaintext = () => ({ address: target, security: { kind: 'plaintext' as const } });
const ended = (callId: string) => (p: EventPayload<'call.events'>) =>
  p.callId === callId && p.events.some((e) => e.type === 'ended');

beforeAll(async () => {
  kit = startEngineKit();
  const original = kit.call;
  kit.call = (name, input) => {
    exercised.add(name);
    return original(name, input);
  };
  const demo = await kit.call('demo.start', {});
  target = demo.target;
  expect(demo.alreadyRunning).toBe(false);
});

afterAll(async () => {
  await kit.close();
});

describe('engine through the router', () => {
  it('host.capabilities lists every command', async () => {
    const caps = await kit.call('host.capabilities', {});
    expect(caps.host).toBe('test');
    expect(caps.commands.sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it('loads a schema from files given by their contents (dropped on the window)', async () => {
    const text = readFileSync(resourcePath('protos', 'example.proto'), 'utf8');
    const summary = await kit.call('schema.loadContents', {
      files: [{ kind: 'proto', path: 'protos/example.proto', text }],
    });
    expect(summary).toMatchObject({ source: 'proto_files', name: 'protos/example.proto' });
    expect(summary.services).toContain('example.UserService');
  });

  it('demo.start is idempotent', async () => {
    const again = await kit.call('demo.start', {});
    expect(again).toMatchObject({ target, alreadyRunning: true });
  });

  it('loads proto files and reports progress', async () => {
    const summary = await kit.call('schema.loadProtoFiles', {
      files: [resourcePath('protos', 'example.proto')],
      importPaths: [resourcePath('protos')],
      progressId: 'p1',
    });
    schemaId = summary.schemaId;
    expect(summary.services).toContain('example.UserService');
    expect(summary.source).toBe('proto_files');
    const progress = kit.events
      .filter((e) => e.topic === 'schema.progress')
      .map((e) => e.payload as EventPayload<'schema.progress'>);
    expect(progress.filter((p) => p.progressId === 'p1').map((p) => p.phase)).toEqual([
      'started',
      'done',
    ]);
  });

  it('reports a syntax error with file and line as schema_error', async () => {
    const reply = await kit.router.invoke('schema.loadProtoFiles', {
      files: [join(kit.baseDir, 'missing.proto')],
      progressId: 'bad',
    });
    expect(reply).toMatchObject({ t: 'error', code: 'schema_error' });
    expect(
      kit.events.some(
        (e) =>
          e.topic === 'schema.progress' &&
          (e.payload as { phase: string; progressId?: string }).progressId === 'bad' &&
          (e.payload as { phase: string }).phase === 'failed',
      ),
    ).toBe(true);
  });

  it('loads a descriptor set written by protoc', async () => {
    const out = join(kit.baseDir, 'example.pb');
    execFileSync('protoc', [
      '--include_imports',
      `--descriptor_set_out=${out}`,
      '-I',
      resourcePath('protos'),
      ...wellKnownIncludes(),
      'example.proto',
    ]);
    const summary = await kit.call('schema.loadDescriptorSet', { path: out });
    expect(summary.source).toBe('descriptor_set');
    expect(summary.services).toContain('example.ChatService');
  });

  it('loads a schema by reflection from the demo server', async () => {
    const summary = await kit.call('schema.loadReflection', { connection: plaintext() });
    expect(summary.source).toBe('reflection');
    expect(summary.services).toEqual(
      expect.arrayContaining(['example.UserService', 'example.LogService']),
    );
    expect(summary.reflectionVersion).toBe('v1');
    reflectedId = summary.schemaId;
  });

  it('gives up on a silent reflection server at the deadline', async () => {
    // Accepts TCP and never answers: without a deadline the load would wait forever.
    const silent = createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const started = Date.now();
      const reply = await kit.router.invoke('schema.loadReflection', {
        connection: { address: `127.0.0.1:${port}`, security: { kind: 'plaintext' } },
        deadlineMs: 300,
      });
      expect(reply).toMatchObject({ t: 'error', code: 'unavailable' });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      silent.close();
    }
  });

  it('merges reflection with proto files, reflection first', async () => {
    const merged = await kit.call('schema.merge', {
      schemaIds: [reflectedId, schemaId],
      name: 'demo + files',
    });
    expect(merged).toMatchObject({ source: 'merged', name: 'demo + files' });
    expect(merged.services).toEqual(
      expect.arrayContaining(['example.UserService', 'grpc.health.v1.Health']),
    );
    expect(
      await kit.router.invoke('schema.merge', { schemaIds: [schemaId, 'schema-missing'] }),
    ).toMatchObject({ code: 'not_found' });
  });

  it('lists, describes, templates and removes schemas', async () => {
    const { schemas } = await kit.call('schema.list', {});
    expect(schemas.map((s) => s.schemaId)).toContain(schemaId);
    const { model } = await kit.call('schema.get', { schemaId });
    expect(model.messages['example.User']?.fields.map((f) => f.name)).toEqual([
      'id',
      'name',
      'age',
    ]);
    const { template } = await kit.call('schema.template', { schemaId, typeName: 'example.User' });
    expect(template).toMatchObject({ id: expect.any(String), name: expect.any(String) });
    const extra = await kit.call('schema.loadProtoFiles', {
      files: [resourcePath('protos', 'example.proto')],
      importPaths: [resourcePath('protos')],
    });
    await kit.call('schema.remove', { schemaId: extra.schemaId });
    expect(await kit.router.invoke('schema.get', { schemaId: extra.schemaId })).toMatchObject({
      code: 'not_found',
    });
  });

  it('connects a channel on request and emits its state changes', async () => {
    // A connection no other test uses, so its channel is new and its events are its own.
    const keysBefore = new Set(
      kit.events
        .filter((e) => e.topic === 'channel.state')
        .map((e) => (e.payload as { key: string }).key),
    );
    const before = await kit.call('channel.state', {
      connection: { ...plaintext(), keepaliveMs: 60_000 },
      connect: true,
    });
    expect(before.target).toBe(target);
    await kit.waitForEvent('channel.state', (p) => !keysBefore.has(p.key) && p.state === 'READY');
    const after = await kit.call('channel.state', {
      connection: { ...plaintext(), keepaliveMs: 60_000 },
    });
    expect(after.state).toBe('READY');
  });

  it('makes a unary call whose log ends with OK', async () => {
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(target, '/example.UserService/GetUser', [{ id: '1' }]),
    });
    await kit.waitForEvent('call.events', ended(callId));
    const log = callEventsOf(kit.events, callId);
    const types = log.map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['started', 'sent']);
    expect(types.slice(-2)).toEqual(['status', 'ended']);
    expect(types.filter((t) => t === 'received')).toHaveLength(1);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i));
    const status = log.find((e) => e.type === 'status');
    expect(status?.type === 'status' && status.status.codeName).toBe('OK');
  });

  it('answers NOT_FOUND with decoded details for an unknown user', async () => {
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(target, '/example.UserService/GetUser', [{ id: 'nobody' }]),
    });
    await kit.waitForEvent('call.events', ended(callId));
    const status = callEventsOf(kit.events, callId).find((e) => e.type === 'status');
    expect(status?.type === 'status' && status.status.codeName).toBe('NOT_FOUND');
    expect(status?.type === 'status' && status.status.details[0]?.type).toBe(
      'google.rpc.ResourceInfo',
    );
  });

  it('streams both ways: send, halfClose, and catch-up by seq', async () => {
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(target, '/example.ChatService/Chat', []),
    });
    await kit.call('call.send', { callId, message: { sender: 'Ada', content: 'hi' } });
    await kit.call('call.send', { callId, message: { sender: 'Bob', content: 'yo' } });
    await kit.call('call.halfClose', { callId });
    await kit.waitForEvent('call.events', ended(callId));
    const received = callEventsOf(kit.events, callId).filter((e) => e.type === 'received');
    expect(
      received.map((e) =>
        e.type === 'received' ? (e.message as { content: string }).content : '',
      ),
    ).toEqual(['Hello, Ada!', 'Hello, Bob!']);

    const all = await kit.call('call.events', { callId });
    expect(all.done).toBe(true);
    const tail = await kit.call('call.events', { callId, sinceSeq: 3, limit: 2 });
    expect(tail.events.map((e) => e.seq)).toEqual([3, 4]);
    expect(tail).toMatchObject({ nextSeq: 5, more: true, done: false });
  });

  it('rejects a message that does not fit the type with the field path', async () => {
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(target, '/example.ChatService/Chat', []),
    });
    const reply = await kit.router.invoke('call.send', { callId, message: { sender: 5 } });
    expect(reply).toMatchObject({ t: 'error', code: 'codec_error' });
    await kit.call('call.cancel', { callId });
    await kit.waitForEvent('call.events', ended(callId));
  });

  it('cancels an endless stream and releases it', async () => {
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(target, '/example.LogService/Tail', [
        { source: 'x', lines: 0, intervalMs: 5 },
      ]),
    });
    await kit.waitForEvent(
      'call.events',
      (p) => p.callId === callId && p.events.some((e) => e.type === 'received'),
    );
    await kit.call('call.cancel', { callId });
    await kit.waitForEvent('call.events', ended(callId));
    const status = callEventsOf(kit.events, callId).find((e) => e.type === 'status');
    expect(status?.type === 'status' && status.status.codeName).toBe('CANCELLED');
    await kit.call('call.release', { callId });
    expect(await kit.router.invoke('call.events', { callId })).toMatchObject({ code: 'not_found' });
  });

  it('refuses bad metadata before sending, naming the entry', async () => {
    const reply = await kit.router.invoke('call.start', {
      schemaId,
      request: demoRequest(target, '/example.UserService/GetUser', [{ id: '1' }], {
        metadata: [
          { key: 'x-off', value: 'y', enabled: false },
          { key: 'Bad Key', value: 'x' },
        ],
      }),
    });
    // The row as the user sees it: the second, the disabled one counted.
    expect(reply).toMatchObject({
      t: 'error',
      code: 'metadata_error',
      message: expect.stringMatching(/^metadata entry 2 \("Bad Key"\)/),
      details: { index: 1 },
    });
  });

  it('schema.load loads a source once and shares it; reload replaces it', async () => {
    const files = {
      kind: 'protoFiles' as const,
      files: ['example.proto'],
      importPaths: [resourcePath('protos')],
    };
    const first = await kit.call('schema.load', { source: files, connection: plaintext() });
    const again = await kit.call('schema.load', { source: files, connection: plaintext() });
    expect(again.schemaId).toBe(first.schemaId);
    const reflected = await kit.call('schema.load', { connection: plaintext() });
    expect(reflected.schemaId).not.toBe(first.schemaId);
    expect(reflected.source).toBe('reflection');
    const reloaded = await kit.call('schema.load', {
      source: files,
      connection: plaintext(),
      reload: true,
    });
    expect(reloaded.schemaId).not.toBe(first.schemaId);
    // The replaced copy is gone; the new one is what the source gives from now on.
    expect(await kit.router.invoke('schema.get', { schemaId: first.schemaId })).toMatchObject({
      code: 'not_found',
    });
    expect(
      (await kit.call('schema.load', { source: files, connection: plaintext() })).schemaId,
    ).toBe(reloaded.schemaId);
  });

  it('session.write stores the session and session.read gives it back', async () => {
    expect(await kit.call('session.read', {})).toEqual({ session: null });
    const session = {
      version: 1 as const,
      tabs: [
        {
          id: 'tab-1',
          draft: demoRequest(target, '/example.UserService/GetUser', [{ id: '1' }]),
          texts: ['{"id": "1"}'],
          savedPath: null,
          saved: null,
          editor: 'json' as const,
          callId: null,
          lastResponse: null,
        },
      ],
      activeTabId: 'tab-1',
    };
    await kit.call('session.write', { session });
    expect(await kit.call('session.read', {})).toEqual({ session });
  });

  it('every event emitted matches its declared schema, and every topic was emitted', async () => {
    // workspace.changed is told when the calls' history batch is on disk: a window after the
    // last call, plus the disk's time on a loaded machine. Waited for, not assumed.
    await vi.waitFor(
      () => expect(kit.events.some((e) => e.topic === 'workspace.changed')).toBe(true),
      { timeout: 15_000, interval: 20 },
    );
    for (const e of kit.events) expect(() => eventSchemas[e.topic].parse(e.payload)).not.toThrow();
    // The recording and checks events have their own conformance tests (recordings.test.ts,
    // main/checks/checks-calls.test.ts).
    expect(new Set(kit.events.map((e) => e.topic))).toEqual(
      new Set(
        EVENT_TOPICS.filter(
          (t) =>
            !Object.hasOwn(recordingEvents, t) &&
            !Object.hasOwn(checksEvents, t) &&
            !Object.hasOwn(runnerEvents, t) && // main/runner/runner.test.ts
            !Object.hasOwn(loadEvents, t) && // main/engine/load.test.ts
            !Object.hasOwn(captureEvents, t), // main/engine/capture.test.ts
        ),
      ),
    );
  });

  it('every command was exercised through the router', () => {
    // The workspace, folder and recording commands have their own conformance tests
    // (workspace.test.ts, folder-auth.test.ts, recordings.test.ts; the file commands in
    // main/files/list-directory.test.ts and, through the router, app/electron/file-dialog.test.ts).
    expect([...exercised].sort()).toEqual(
      COMMAND_NAMES.filter(
        (n) =>
          !Object.hasOwn(workspaceCommands, n) &&
          !Object.hasOwn(folderCommands, n) &&
          !Object.hasOwn(recordingCommands, n) &&
          !Object.hasOwn(runnerCommands, n) && // main/runner/runner.test.ts
          !Object.hasOwn(checksCommands, n) && // main/checks/checks-calls.test.ts
          !Object.hasOwn(grpcurlCommands, n) && // main/engine/grpcurl-with-secrets.test.ts
          !Object.hasOwn(loadCommands, n) && // main/engine/load.test.ts
          !Object.hasOwn(captureCommands, n) && // main/engine/capture.test.ts
          !Object.hasOwn(fileCommands, n),
      ).sort(),
    );
  });
});
