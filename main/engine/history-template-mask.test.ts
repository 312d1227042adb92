// History keeps a call's request template with the secrets it used masked in its texts only
// (masked-request.ts). Masked as one JSON value, a one-letter secret ('e') was replaced inside
// the template's keys (`name`, `messages`), its enum words (`plaintext`) and its method path,
// and the entry's request was no longer a request. Real engine, real demo server.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  demoRequest,
  historyEntryOfCall,
  startEnvironmentKit,
  type EngineKit,
} from './engine.testkit.js';

let kit: EngineKit;
let target: string;
let schemaId: string;

beforeAll(async () => {
  ({ kit, target, schemaId } = await startEnvironmentKit([
    { name: 'letter', value: 'e', secret: true },
  ]));
});

afterAll(async () => {
  await kit?.close();
});

it('masks a one-letter secret in the template’s texts, never in its keys, words or method', async () => {
  const method = '/example.UserService/GetUser';
  const request = demoRequest(target, method, [{ id: '{{letter}}7' }], {
    name: 'get user',
    notes: 'see here',
    metadata: [{ key: 'x-letter', value: '{{letter}}' }],
    assertions: [{ expr: 'status.code >= 0', name: 'reached' }],
    deadlineMs: 5000,
  });
  const entry = await historyEntryOfCall(kit, {
    schemaId,
    request,
    environment: 'prod',
    halfClose: true,
    keepRaw: false,
    record: false,
  });
  const m = (text: string): string => text.replaceAll('e', '[secret:letter]');
  expect(entry.request).toEqual({
    ...request,
    name: m('get user'),
    notes: m('see here'),
    connection: { ...request.connection, address: request.connection.address },
    messages: [{ id: m('{{letter}}7') }],
    metadata: [{ key: m('x-letter'), value: m('{{letter}}') }],
    assertions: [{ expr: m('status.code >= 0'), name: m('reached') }],
  });
  expect(entry.request.connection.security).toEqual({ kind: 'plaintext' });
  expect(entry.request.method).toBe(method);
  // The log was masked once, as the call went: never again over its own placeholders.
  const text = JSON.stringify(entry);
  expect(text).toContain('[secret:letter]7');
  expect(text).not.toContain('[s[secret:letter]cr');
});

it('workspace.prepare shows the substituted request with a one-letter secret masked in its texts', async () => {
  const request = demoRequest(target, '/example.UserService/GetUser', [{ id: '{{letter}}7' }]);
  const prepared = await kit.call('workspace.prepare', { request, environment: 'prod' });
  expect(prepared.request.connection.security).toEqual({ kind: 'plaintext' });
  expect(prepared.request.method).toBe('/example.UserService/GetUser');
  expect(prepared.request.messages).toEqual([{ id: '[secret:letter]7' }]);
  expect(prepared.request.options).toEqual(request.options);
});
