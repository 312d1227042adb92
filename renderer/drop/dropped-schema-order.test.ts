// A drop that finishes late must not replace what the tab loaded after it (a Load by reflection,
// a second drop): the store keeps the newest load, whatever order the engine answers in. The
// engine is a scripted client whose loadContents answers when the test says.
import { describe, expect, it } from 'vitest';
import type { Input } from '../../shared/contract/types.js';
import type { DroppedFile } from '../../shared/contract/schema-contents.js';
import { ScriptedClient, schemaAnswers, schemaSummary } from '../api/scripted-client.testkit.js';
import { kindsSchema } from '../form/fixtureSchema.js';
import { createWorkbenchStore } from '../store/index.js';

const summaryOf = (schemaId: string) => schemaSummary(schemaId, 'proto_files');

const file = (path: string): DroppedFile => ({ kind: 'proto', path, text: 'syntax = "proto3";' });

/** loadContents of a file answers its schema when `answer(path)` is called, not before. */
function setup() {
  const waiting = new Map<string, () => void>();
  const client = new ScriptedClient({
    'schema.loadContents': (input: Input<'schema.loadContents'>) => {
      const path = input.files[0]!.path;
      return new Promise((resolve) =>
        waiting.set(path, () => resolve(summaryOf(`dropped-${path}`))),
      );
    },
    ...schemaAnswers('reflected', kindsSchema(), 'proto_files'),
    'channel.state': () => ({ target: 'x', state: 'READY' }),
  });
  const store = createWorkbenchStore(client, (cb) => cb());
  const tabId = store.getState().ensureTab();
  store.getState().setConnection({ address: 'h:1' });
  const answer = (path: string): void => waiting.get(path)!();
  const schemaOfTab = (): string | null | undefined =>
    store.getState().tabs.find((t) => t.id === tabId)?.schemaId;
  return { store, tabId, answer, schemaOfTab };
}

describe('a dropped schema that arrives late', () => {
  it('does not replace a Load by reflection that finished after the drop began', async () => {
    const { store, tabId, answer, schemaOfTab } = setup();
    const slow = store.getState().loadDroppedSchema(tabId, [file('a.proto')]);
    await store.getState().loadSchema(tabId);
    expect(schemaOfTab()).toBe('reflected');
    answer('a.proto');
    expect(await slow).toBeUndefined();
    expect(schemaOfTab()).toBe('reflected');
  });

  it('does not replace a second drop that finished first', async () => {
    const { store, tabId, answer, schemaOfTab } = setup();
    const first = store.getState().loadDroppedSchema(tabId, [file('a.proto')]);
    const second = store.getState().loadDroppedSchema(tabId, [file('b.proto')]);
    answer('b.proto');
    expect((await second)?.summary.schemaId).toBe('dropped-b.proto');
    answer('a.proto');
    expect(await first).toBeUndefined();
    expect(schemaOfTab()).toBe('dropped-b.proto');
  });

  it('is shown when nothing came after it', async () => {
    const { store, tabId, answer, schemaOfTab } = setup();
    const only = store.getState().loadDroppedSchema(tabId, [file('a.proto')]);
    answer('a.proto');
    expect((await only)?.summary.schemaId).toBe('dropped-a.proto');
    expect(schemaOfTab()).toBe('dropped-a.proto');
  });
});
