import { describe, expect, it } from 'vitest';
import { newRequest, plaintextConnection } from '../../shared/request/index.js';
import { ScriptedClient, schemaAnswers } from '../api/scripted-client.testkit.js';
import { kindsSchema } from '../form/fixtureSchema.js';
import { createWorkbenchStore } from '../store/index.js';

// The toast after "import grpcurl" says what was not kept (`ignored`) apart from what was kept but
// not as typed (`notes`): a -bin header that is not base64 is kept, so "not kept" would be untrue.
function importing(answer: { ignored: string[]; notes: string[] }) {
  const request = newRequest(plaintextConnection('h:1'), '/kinds.KindService/Echo');
  const client = new ScriptedClient({
    'import.grpcurl': () => ({ request, ...answer }),
    ...schemaAnswers((input) => `s-${input.connection.address}`, kindsSchema()),
    'channel.state': () => ({ target: 'x', state: 'READY' }),
  });
  const store = createWorkbenchStore(client, () => {});
  return store;
}

describe('import grpcurl: the toast', () => {
  it('says a note as kept, not as typed, and not as "not kept"', async () => {
    const store = importing({ ignored: [], notes: ['-H "x-bin: !!" is not base64'] });
    expect(await store.getState().importGrpcurl('grpcurl …')).toBe(true);
    expect(store.getState().toast).toBe(
      'Imported. Kept, not as typed: -H "x-bin: !!" is not base64.',
    );
  });

  it('says both, each with its own words', async () => {
    const store = importing({ ignored: ['-v'], notes: ['n1', 'n2'] });
    expect(await store.getState().importGrpcurl('grpcurl …')).toBe(true);
    expect(store.getState().toast).toBe('Imported. Not kept: -v. Kept, not as typed: n1; n2.');
  });

  it('says nothing when all was kept as typed', async () => {
    const store = importing({ ignored: [], notes: [] });
    expect(await store.getState().importGrpcurl('grpcurl …')).toBe(true);
    expect(store.getState().toast).toBeNull();
  });
});
