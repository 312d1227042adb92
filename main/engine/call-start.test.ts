import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { EventPayload } from '../../shared/contract/index.js';
import { callEventsOf, demoRequest, startDemoEngineKit, type EngineKit } from './engine.testkit.js';

// call.start takes the request document: its messages go out in order, its variables are
// substituted in the engine, its options reach the codec, and every part that cannot be sent is
// refused before anything goes out with an error naming it. Against the real demo server.

let kit: EngineKit;
let target: string;
let schemaId: string;

const ended = (callId: string) => (p: EventPayload<'call.events'>) =>
  p.callId === callId && p.events.some((e) => e.type === 'ended');

async function logOf(callId: string): Promise<CallEvent[]> {
  await kit.waitForEvent('call.events', ended(callId));
  return callEventsOf(kit.events, callId);
}

async function errorOf(
  input: unknown,
): Promise<{ code: string; message: string; details?: unknown }> {
  const reply = await kit.router.invoke('call.start', input);
  if (reply.t !== 'error') throw new Error(`expected an error, got ${JSON.stringify(reply)}`);
  return reply;
}

beforeAll(async () => {
  ({ kit, target, schemaId } = await startDemoEngineKit());
  await kit.call('workspace.open', {});
});

afterAll(async () => {
  await kit.close();
});

describe('call.start with a request document', () => {
  it('sends every message of a client stream in order, then half-closes', async () => {
    const keys = ['a', 'b', 'c'];
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(
        target,
        '/example.BatchService/Upload',
        keys.map((key) => ({ key, text: key })),
      ),
      halfClose: true,
    });
    const log = await logOf(callId);
    expect(log.filter((e) => e.type === 'sent').map((e) => e.type === 'sent' && e.message)).toEqual(
      keys.map((key) => ({ key, text: key })),
    );
    expect(log.find((e) => e.type === 'received')).toMatchObject({
      message: { count: 3, keys },
    });
  });

  it('keeps a bidi stream open after its messages unless asked to half-close', async () => {
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(target, '/example.ChatService/Chat', [{ sender: 'Ada', content: 'hi' }]),
    });
    await kit.call('call.send', { callId, message: { sender: 'Bob', content: 'yo' } });
    await kit.call('call.halfClose', { callId });
    const texts = (await logOf(callId)).flatMap((e) =>
      e.type === 'received' ? [(e.message as { content: string }).content] : [],
    );
    expect(texts).toEqual(['Hello, Ada!', 'Hello, Bob!']);
  });

  it('refuses a unary request holding more or fewer than one message', async () => {
    const two = await errorOf({
      schemaId,
      request: demoRequest(target, '/example.UserService/GetUser', [{ id: '1' }, { id: '2' }]),
    });
    expect(two).toMatchObject({
      code: 'invalid_input',
      message: 'GetUser takes one request message but the request holds 2',
    });
    const none = await errorOf({
      schemaId,
      request: demoRequest(target, '/example.LogService/Tail', []),
    });
    expect(none.message).toBe('Tail takes one request message but the request holds none');
  });

  it('names a method the schema lacks, and what the service has', async () => {
    const reply = await errorOf({
      schemaId,
      request: demoRequest(target, '/example.UserService/GetUsers', [{}]),
    });
    expect(reply).toMatchObject({
      code: 'not_found',
      message:
        'request.method: service example.UserService has no method GetUsers (it has: GetUser)',
    });
    expect(await errorOf({ schemaId, request: demoRequest(target, '', [{}]) })).toMatchObject({
      code: 'invalid_input',
      message: 'request.method: no method is chosen',
    });
  });

  it('refuses a bad address and unreadable certificate files, naming the field', async () => {
    const spaced = await errorOf({
      schemaId,
      request: demoRequest('local host:1', '/example.UserService/GetUser', [{ id: '1' }]),
    });
    expect(spaced).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^connection\.address: must not contain whitespace/),
    });
    const tls = await errorOf({
      schemaId,
      request: {
        ...demoRequest(target, '/example.UserService/GetUser', [{ id: '1' }]),
        connection: { address: target, security: { kind: 'tls', caFile: 'tls/ca.pem' } },
      },
    });
    const dir = (await kit.call('workspace.tree', {})).dir;
    expect(tls).toMatchObject({
      code: 'not_found',
      message: `connection.security.caFile: cannot read ${dir}/tls/ca.pem: no such file`,
    });
  });

  it('substitutes variables in the engine, and refuses unknown ones saying where', async () => {
    await kit.call('environment.save', {
      name: 'dev',
      variables: [
        { name: 'host', value: target },
        { name: 'who', value: '3' },
      ],
    });
    const template = demoRequest('{{host}}', '/example.UserService/GetUser', [{ id: '{{who}}' }], {
      metadata: [{ key: 'x-echo-who', value: 'user {{who}}' }],
    });
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: template,
      environment: 'dev',
    });
    const log = await logOf(callId);
    expect(log.find((e) => e.type === 'started')).toMatchObject({ target });
    const headers = log.find((e) => e.type === 'headers');
    expect(headers?.type === 'headers' && headers.metadata).toContainEqual({
      key: 'x-echo-who',
      value: 'user 3',
    });
    expect(log.find((e) => e.type === 'received')).toMatchObject({
      message: { id: '3', name: 'Grace Hopper' },
    });

    const unknown = await errorOf({
      schemaId,
      request: { ...template, messages: [{ id: '{{whom}}' }] },
      environment: 'dev',
    });
    expect(unknown.code).toBe('invalid_input');
    expect(unknown.message).toMatch(
      /^unknown variable: \{\{whom\}\} in .*messages.*\(environment "dev"\); nothing was sent$/,
    );
    expect(unknown.details).toMatchObject({ unknown: [{ name: 'whom' }] });
  });

  it('reads the document options: defaults in responses, unknown request fields allowed', async () => {
    const check = demoRequest(target, '/example.FileService/CheckFile', [{ filename: 'nope' }]);
    const plain = await logOf((await kit.call('call.start', { schemaId, request: check })).callId);
    expect(plain.find((e) => e.type === 'received')).toMatchObject({ message: {} });
    const defaults = await logOf(
      (
        await kit.call('call.start', {
          schemaId,
          request: { ...check, options: { emitDefaults: true } },
        })
      ).callId,
    );
    expect(defaults.find((e) => e.type === 'received')).toMatchObject({
      message: { exists: false, size: '0' },
    });

    const extra = { ...check, messages: [{ filename: 'nope', colour: 'blue' }] };
    expect(await errorOf({ schemaId, request: extra })).toMatchObject({
      code: 'codec_error',
      message: expect.stringContaining('colour'),
    });
    const allowed = await logOf(
      (
        await kit.call('call.start', {
          schemaId,
          request: { ...extra, options: { allowUnknownFields: true } },
        })
      ).callId,
    );
    expect(allowed.find((e) => e.type === 'status')).toMatchObject({ status: { codeName: 'OK' } });
  });
});
