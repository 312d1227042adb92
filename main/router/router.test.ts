import { describe, it, expect } from 'vitest';
import { createRouter } from './router.js';
import { CommandError, type Handlers } from '../../shared/contract/index.js';
import { SchemaError } from '../schema/index.js';
import { workspaceCommands } from '../../shared/contract/workspace-commands.js';
import { recordingCommands } from '../../shared/contract/recording-commands.js';
import { runnerCommands } from '../../shared/contract/runner-commands.js';
import { checksCommands } from '../../shared/contract/checks-commands.js';
import { loadCommands } from '../../shared/contract/load-commands.js';
import { captureCommands } from '../../shared/contract/capture-commands.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { isPlainlyValidDocument } from '../../shared/request/plain-check.js';

// Simple in-memory handlers: this file tests the boundary itself (validation, error mapping);
// the real engine behind the same router is tested in main/engine.
function recordingHandlers(seen: unknown[]): Handlers {
  const ok = { ok: true as const };
  const summary = {
    schemaId: 's1',
    name: 'n',
    source: 'proto_files' as const,
    loadedAt: 0,
    services: [],
    messageCount: 0,
    fileCount: 0,
  };
  return {
    'host.capabilities': () => ({
      host: 'test',
      version: '0',
      platform: 'linux',
      filePicker: false,
      commands: [],
    }),
    'schema.loadProtoFiles': (input) => {
      seen.push(input);
      return summary;
    },
    'schema.loadDescriptorSet': () => {
      throw new CommandError('not_found', 'no such file: x.pb', { path: 'x.pb' });
    },
    'schema.loadReflection': () => {
      throw new Error('boom');
    },
    'schema.loadContents': () => summary,
    'schema.merge': () => summary,
    'schema.list': () => ({ schemas: [] }),
    'schema.get': () => {
      throw new SchemaError('syntax', 'a.proto:3:1: syntax error', { file: 'a.proto', line: 3 });
    },
    'schema.load': () => {
      throw Object.assign(new Error("ENOENT: no such file or directory, open 'x.proto'"), {
        code: 'ENOENT',
      });
    },
    'session.read': () => {
      // A code that looks like ours on a plain Error is not trusted: only WorkbenchErrors carry one.
      throw Object.assign(new Error('coded'), { code: 'not_found' });
    },
    'session.write': () => ok,
    'schema.remove': () => ok,
    'schema.template': (input) => ({ typeName: input.typeName, template: {} }),
    'channel.state': (input) => ({ target: input.connection.address, state: 'IDLE' }),
    'call.start': (input) => {
      seen.push(input);
      return { callId: 'c1' };
    },
    'call.send': (input) => {
      seen.push(input);
      return ok;
    },
    'call.halfClose': () => ok,
    'call.cancel': () => ok,
    'call.events': (input) => ({
      callId: input.callId,
      events: [],
      nextSeq: input.sinceSeq,
      more: false,
      done: true,
    }),
    'call.release': () => ok,
    'demo.start': (input) => ({
      target: `127.0.0.1:${input.port}`,
      port: input.port,
      alreadyRunning: false,
    }),
    'files.list': () => ({
      path: '/',
      parent: null,
      home: '/',
      entries: [],
      omitted: 0,
      hidden: 0,
    }),
    'files.pick': () => ({ paths: [], canceled: true }),
    'export.grpcurlWithSecrets': () => ({ command: 'grpcurl', left: [] }),
    // Folder settings are workspace files, tested with the real engine in main/engine/folder-auth.test.ts.
    'folder.readSettings': (input) => ({ path: input.path, settings: {} }),
    'folder.saveSettings': (input) => ({ path: input.path, settings: input.settings }),
    // The workspace commands are not what this file tests (see main/engine/workspace.test.ts).
    ...(Object.fromEntries(
      Object.keys(workspaceCommands).map((n) => [n, () => ok]),
    ) as unknown as Pick<Handlers, keyof typeof workspaceCommands>),
    ...(Object.fromEntries(
      Object.keys(recordingCommands).map((n) => [n, () => ok]),
    ) as unknown as Pick<Handlers, keyof typeof recordingCommands>),
    ...(Object.fromEntries(
      Object.keys(runnerCommands).map((n) => [n, () => ok]),
    ) as unknown as Pick<Handlers, keyof typeof runnerCommands>),
    ...(Object.fromEntries(
      Object.keys(checksCommands).map((n) => [n, () => ok]),
    ) as unknown as Pick<Handlers, keyof typeof checksCommands>),
    ...(Object.fromEntries(Object.keys(loadCommands).map((n) => [n, () => ok])) as unknown as Pick<
      Handlers,
      keyof typeof loadCommands
    >),
    ...(Object.fromEntries(
      Object.keys(captureCommands).map((n) => [n, () => ok]),
    ) as unknown as Pick<Handlers, keyof typeof captureCommands>),
  };
}

describe('router', () => {
  it('answers a valid call with a result carrying the same id', async () => {
    const router = createRouter(recordingHandlers([]));
    const reply = await router.dispatch({
      t: 'call',
      id: 7,
      name: 'schema.template',
      input: { schemaId: 's1', typeName: 'a.B' },
    });
    expect(reply).toEqual({ t: 'result', id: 7, output: { typeName: 'a.B', template: {} } });
  });

  it('fills defaults before the handler sees the input', async () => {
    const seen: unknown[] = [];
    const router = createRouter(recordingHandlers(seen));
    await router.invoke('schema.loadProtoFiles', { files: ['a.proto'] });
    expect(seen[0]).toEqual({ files: ['a.proto'], importPaths: [] });
  });

  it('hands parsed input from this process to the handler as it is, and maps its errors the same', async () => {
    const seen: unknown[] = [];
    const internal: unknown[] = [];
    const handlers: Handlers = {
      ...recordingHandlers(seen),
      'call.cancel': () => {
        throw new Error('boom');
      },
    };
    const router = createRouter(handlers, { onInternalError: (_c, e) => internal.push(e) });
    const request: RequestDocument = {
      name: 'n',
      connection: { address: 'h:1', security: { kind: 'plaintext' } },
      method: '/a.B/C',
      messages: [{}],
      metadata: [],
      options: {},
      notes: '',
    };
    if (!isPlainlyValidDocument(request)) throw new Error('the document should be plain');
    const input = { schemaId: 's1', request, halfClose: true, keepRaw: false, record: false };
    const parsedReply = await router.invokeParsed('call.start', input);
    expect(seen[0]).toBe(input);
    // The same answer as the checked way, which the handler sees as an equal copy.
    expect(await router.invoke('call.start', input)).toEqual(parsedReply);
    expect(seen[1]).toStrictEqual(input);
    expect(parsedReply).toEqual({ t: 'result', id: 0, output: { callId: 'c1' } });
    expect(await router.invokeParsed('schema.get', { schemaId: 's1' })).toMatchObject({
      t: 'error',
      code: 'schema_error',
    });
    expect(await router.invokeParsed('call.cancel', { callId: 'c1' })).toMatchObject({
      code: 'internal',
    });
    expect(internal).toHaveLength(1);
  });

  it('takes without a check only input the plain check vouched for (a type test: tsc)', () => {
    const router = createRouter(recordingHandlers([]));
    const unchecked = {} as RequestDocument;
    const start = { schemaId: 's1', halfClose: true, keepRaw: false, record: false };
    const never = (): void => {
      // @ts-expect-error a document nothing checked
      void router.invokeParsed('call.start', { ...start, request: unchecked });
      const { connection } = unchecked;
      // @ts-expect-error a connection nothing checked
      void router.invokeParsed('channel.state', { connection, connect: true });
      // @ts-expect-error a command with user fields that the plain check does not cover
      void router.invokeParsed('schema.loadProtoFiles', { files: ['a.proto'], importPaths: [] });
      if (!isPlainlyValidDocument(unchecked)) return;
      // @ts-expect-error an environment is the contract's to check
      void router.invokeParsed('call.start', { ...start, request: unchecked, environment: 'e' });
      void router.invokeParsed('call.start', { ...start, request: unchecked });
    };
    expect(never).toBeTypeOf('function');
  });

  it('names the field path of bad input', async () => {
    const router = createRouter(recordingHandlers([]));
    const reply = await router.invoke('channel.state', {
      connection: { address: 'localhost:1', security: { kind: 'tls', caFile: 5 } },
    });
    expect(reply.t).toBe('error');
    if (reply.t !== 'error') return;
    expect(reply.code).toBe('invalid_input');
    expect(reply.message).toContain('connection.security.caFile');
    expect(reply.details).toMatchObject({ issues: [{ path: 'connection.security.caFile' }] });
  });

  it('indexes array elements in paths', async () => {
    const reply = await createRouter(recordingHandlers([])).invoke('schema.loadProtoFiles', {
      files: ['a', 3],
    });
    expect(reply).toMatchObject({
      t: 'error',
      code: 'invalid_input',
      message: expect.stringContaining('files[1]'),
    });
  });

  it('refuses unknown commands, including inherited property names', async () => {
    const router = createRouter(recordingHandlers([]));
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const reply = await router.dispatch({ t: 'call', id: 1, name, input: {} });
      expect(reply).toMatchObject({ t: 'error', id: 1, code: 'unknown_command' });
    }
  });

  it('answers broken envelopes with an error, never a throw', async () => {
    const router = createRouter(recordingHandlers([]));
    for (const envelope of [
      null,
      3,
      'x',
      [],
      {},
      { t: 'result', id: 1 },
      { t: 'call', id: -1, name: 'x' },
      { t: 'call', id: {}, name: 'x' },
    ]) {
      const reply = await router.dispatch(envelope);
      expect(reply).toMatchObject({ t: 'error', code: 'invalid_input' });
    }
    expect(await router.dispatch({ t: 'call', id: 'abc', name: 1 })).toMatchObject({
      id: 'abc',
      code: 'invalid_input',
    });
  });

  it('keeps the code and details of every WorkbenchError, maps errno, hides the rest as internal', async () => {
    const internal: unknown[] = [];
    const router = createRouter(recordingHandlers([]), {
      onInternalError: (_c, e) => internal.push(e),
    });
    expect(await router.invoke('schema.loadDescriptorSet', { path: 'x.pb' })).toEqual({
      t: 'error',
      id: 0,
      code: 'not_found',
      message: 'no such file: x.pb',
      details: { path: 'x.pb' },
    });
    expect(await router.invoke('schema.get', { schemaId: 's1' })).toEqual({
      t: 'error',
      id: 0,
      code: 'schema_error',
      message: 'a.proto:3:1: syntax error',
      details: { kind: 'syntax', file: 'a.proto', line: 3 },
    });
    const connection = { address: 'x:1', security: { kind: 'plaintext' } };
    expect(await router.invoke('schema.load', { connection })).toMatchObject({
      code: 'not_found',
      details: { errno: 'ENOENT' },
    });
    const reply = await router.invoke('schema.loadReflection', { connection });
    expect(reply).toEqual({ t: 'error', id: 0, code: 'internal', message: 'boom' });
    expect(await router.invoke('session.read', {})).toMatchObject({ code: 'internal' });
    expect(internal).toHaveLength(2);
  });

  it('strips prototype-pollution keys from inputs and never pollutes Object.prototype', async () => {
    const seen: unknown[] = [];
    const router = createRouter(recordingHandlers(seen));
    const payload = JSON.parse(
      '{"files":["a.proto"],"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted2":"yes"}},"importPaths":[]}',
    );
    const reply = await router.invoke('schema.loadProtoFiles', payload);
    expect(reply.t).toBe('result');
    expect(seen[0]).toEqual({ files: ['a.proto'], importPaths: [] });
    expect(Object.getPrototypeOf(seen[0])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
  });

  it('refuses "__proto__" inside JSON messages, with its path', async () => {
    const router = createRouter(recordingHandlers([]));
    const message = JSON.parse('{"a":{"b":[{"__proto__":{"x":1}}]}}');
    const reply = await router.invoke('call.send', { callId: 'c1', message });
    expect(reply).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('message.a.b[0].__proto__'),
    });
  });

  it('refuses non-JSON values and absurd nesting inside messages', async () => {
    const router = createRouter(recordingHandlers([]));
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(await router.invoke('call.send', { callId: 'c1', message: deep })).toMatchObject({
      code: 'invalid_input',
    });
    expect(
      await router.invoke('call.send', { callId: 'c1', message: { n: Number.NaN } }),
    ).toMatchObject({ code: 'invalid_input' });
    expect(
      await router.invoke('call.send', { callId: 'c1', message: { d: new Date() } }),
    ).toMatchObject({ code: 'invalid_input' });
  });
});
