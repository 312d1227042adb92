// A masked text outgrowing its limit (name: 200) through the engine's contract: history.get and
// workspace.prepare validate their answers, so the entry or the answer failed with a ZodError.
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
const name = 'get the user record '.repeat(5); // 100 characters, 15 'e'

beforeAll(async () => {
  ({ kit, target, schemaId } = await startEnvironmentKit([
    { name: 'letter', value: 'e', secret: true },
  ]));
});

afterAll(async () => {
  await kit?.close();
});

const method = '/example.UserService/GetUser';

it('workspace.prepare answers for a long name with a one-letter secret', async () => {
  const request = demoRequest(target, method, [{ id: '{{letter}}' }], { name });
  const prepared = await kit.call('workspace.prepare', { request, environment: 'prod' });
  expect(prepared.request.name).toContain('[secret:letter]');
});

it('history.get answers for a long name with a one-letter secret', async () => {
  const request = demoRequest(target, method, [{ id: '{{letter}}' }], { name });
  const entry = await historyEntryOfCall(kit, {
    schemaId,
    request,
    environment: 'prod',
    halfClose: true,
    keepRaw: false,
    record: false,
  });
  expect(entry.request.name).toContain('[secret:letter]');
});
