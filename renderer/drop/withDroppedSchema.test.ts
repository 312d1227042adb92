import { describe, expect, it } from 'vitest';
import { blankTab } from '../store/tab.js';
import type { LoadedSchema } from '../store/types.js';
import { withDroppedSchema } from './withDroppedSchema.js';

const schema = (schemaId: string): LoadedSchema => ({
  summary: {
    schemaId,
    name: schemaId,
    source: 'proto_files',
    loadedAt: 1,
    services: [],
    messageCount: 0,
    fileCount: 1,
  },
  model: { services: [], messages: {}, enums: {}, files: [] } as unknown as LoadedSchema['model'],
});

describe('a drop shows its schema in one tab', () => {
  it('that tab only; its failure goes, its draft stays, an unused model is let go', () => {
    const a = { ...blankTab(), schemaId: 'old', schemaStatus: 'error' as const, schemaError: 'x' };
    const b = { ...blankTab(), schemaId: 'shared' };
    const c = { ...blankTab(), schemaId: 'shared' };
    const s = {
      tabs: [a, b, c],
      schemas: { old: schema('old'), shared: schema('shared') },
      schemaFailures: { [a.id]: { message: 'x', target: 't', tls: false, reflection: true } },
    };
    const next = withDroppedSchema(s, a.id, schema('dropped'));
    expect(next.tabs[0]).toMatchObject({
      schemaId: 'dropped',
      schemaStatus: 'ready',
      schemaError: null,
    });
    expect(next.tabs[0]!.draft).toBe(a.draft);
    expect(next.tabs.slice(1).map((t) => t.schemaId)).toEqual(['shared', 'shared']);
    expect(Object.keys(next.schemas).sort()).toEqual(['dropped', 'shared']);
    expect(next.schemaFailures).toEqual({});

    // A model another tab still shows is kept.
    const again = withDroppedSchema(next, b.id, schema('dropped2'));
    expect(Object.keys(again.schemas).sort()).toEqual(['dropped', 'dropped2', 'shared']);
  });
});
