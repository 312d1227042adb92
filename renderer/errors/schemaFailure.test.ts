// A failed load: its kind read from the error's details, and the tab letting go of its old schema.
import { describe, expect, it } from 'vitest';
import { newRequest, plaintextConnection } from '../../shared/request/index.js';
import { dropFailedSchema } from '../store/schemasSlice.js';
import { tabFromDocument } from '../store/tab.js';
import type { LoadedSchema } from '../store/types.js';
import { schemaFailureHeadline, schemaFailureOf } from './schemaFailure.js';

const draft = newRequest(plaintextConnection('localhost:5999'), 'shop.Catalog/List');

describe('schemaFailureOf', () => {
  it('reads the kind and the raw text from the details the engine sent', () => {
    const error = {
      code: 'unavailable',
      message: 'server reflection failed: UNAVAILABLE: No connection established…',
      details: { kind: 'transport', failure: 'unreachable', rawMessage: 'ECONNREFUSED 127.0.0.1' },
    };
    const f = schemaFailureOf(error, draft);
    expect(f).toMatchObject({
      kind: 'unreachable',
      rawMessage: 'ECONNREFUSED 127.0.0.1',
      target: 'localhost:5999',
      tls: false,
      reflection: true,
    });
    expect(schemaFailureHeadline(f)).toBe('Nothing is listening at localhost:5999');
  });

  it('says the deadline of a load that ran out of time', () => {
    const error = { message: 'x', details: { failure: 'deadline', deadlineMs: 20_000 } };
    expect(schemaFailureHeadline(schemaFailureOf(error, draft))).toBe('Deadline of 20 s exceeded');
  });

  it('keeps the message of a failure it has no words for', () => {
    const f = schemaFailureOf(
      { code: 'schema_error', message: 'a.proto:3:1: syntax error' },
      draft,
    );
    expect(f.kind).toBeUndefined();
    expect(schemaFailureHeadline(f)).toBe('a.proto:3:1: syntax error');
  });
});

describe('dropFailedSchema', () => {
  it('clears the failed tab’s schema (kept for a tab still using it), keeps its draft', () => {
    const a = {
      ...tabFromDocument(draft),
      id: 'a',
      schemaId: 's1',
      schemaStatus: 'ready' as const,
    };
    const b = {
      ...tabFromDocument(draft),
      id: 'b',
      schemaId: 's1',
      schemaStatus: 'ready' as const,
    };
    const loaded = {} as LoadedSchema;
    const failure = schemaFailureOf({ message: 'x', details: { failure: 'unimplemented' } }, draft);
    const after = dropFailedSchema(
      { tabs: [a, b], schemas: { s1: loaded }, schemaFailures: {} },
      'a',
      failure,
    );
    const [ta, tb] = after.tabs;
    expect(ta).toMatchObject({ schemaId: null, schemaStatus: 'error', draft });
    expect(ta?.schemaError).toBe('localhost:5999 does not offer server reflection');
    expect(tb?.schemaId).toBe('s1');
    expect(after.schemas.s1).toBe(loaded);
    expect(after.schemaFailures.a).toBe(failure);

    const alone = dropFailedSchema(after, 'b', failure);
    expect(alone.schemas.s1).toBeUndefined();
  });
});
