import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isBuilt, isLazySchema } from '../../shared/request/lazy-schema.js';

// Schemas that a gwb call used to build as their modules were evaluated (the engine imports the
// workspace's format-1 reader and the call event log's declaration; the request document imports
// the JSON value's): built on first use instead, like the request document's and the contract's
// (shared/contract/lazy-schemas.test.ts). A unary call: callgrind 957 M -> 933 M instructions.
const modules = {
  'shared/json/json-value-schema': await import('../../shared/json/json-value-schema.js'),
  'shared/calls/event-schema': await import('../../shared/calls/event-schema.js'),
  'main/workspace/migrate/v1-format': await import('../../main/workspace/migrate/v1-format.js'),
};

/** Every exported value of those modules named like a schema. */
function exportedSchemas(): [string, unknown][] {
  return Object.entries(modules).flatMap(([file, exports]) =>
    Object.entries(exports)
      .filter(([name, value]) => /schema$/i.test(name) && typeof value !== 'function')
      .map(([name, value]): [string, unknown] => [`${file} ${name}`, value]),
  );
}

describe('schemas a gwb call does not use are not built when their modules load', () => {
  it('each exported schema is declared lazily, none is built by loading, each is a schema', () => {
    const schemas = exportedSchemas();
    expect(schemas.length).toBeGreaterThanOrEqual(8);
    expect(schemas.filter(([, s]) => !isLazySchema(s)).map(([name]) => name)).toEqual([]);
    expect(schemas.filter(([, s]) => isBuilt(s)).map(([name]) => name)).toEqual([]);
    for (const [, schema] of schemas) expect(schema).toBeInstanceOf(z.ZodType);
  });

  it('they validate as before once used', async () => {
    const { JsonValueSchema } = modules['shared/json/json-value-schema'];
    const { callKindSchema, statusCodeNameSchema } = modules['shared/calls/event-schema'];
    const { RequestV1Schema } = modules['main/workspace/migrate/v1-format'];
    expect(JsonValueSchema.safeParse({ a: [1, 'x', null] }).success).toBe(true);
    expect(JsonValueSchema.safeParse({ a: undefined }).success).toBe(false);
    expect(callKindSchema.parse('bidi_stream')).toBe('bidi_stream');
    expect(statusCodeNameSchema.safeParse('NOT_A_CODE').success).toBe(false);
    const v1 = {
      version: 1,
      name: 'r',
      connection: { address: 'h:1', security: { kind: 'plaintext' } },
      method: '/a.B/C',
      body: {},
      metadata: [],
      options: {},
      notes: '',
    };
    expect(RequestV1Schema.safeParse(v1).success).toBe(true);
    expect(RequestV1Schema.safeParse({ ...v1, method: 'C' }).success).toBe(false);
  });
});
