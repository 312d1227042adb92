// A call's method is found in its schema's model once per model and name (a run calls the same
// method hundreds of times). A schema loaded again is another model: what it lacks is not found.
import { describe, expect, it } from 'vitest';
import type { MethodInfo, SchemaModel } from '../../shared/schema/model.js';
import type { LoadedSchema } from '../schema/index.js';
import { methodOf } from './call-plan.js';

const method = (name: string): MethodInfo => ({
  name,
  fullName: `p.Svc.${name}`,
  path: `/p.Svc/${name}`,
  kind: 'unary',
  inputType: 'p.In',
  outputType: 'p.Out',
  deprecated: false,
});

/** A schema whose model holds p.Svc with these methods (methodOf reads the model only). */
function schemaWith(...names: string[]): LoadedSchema {
  const model: SchemaModel = {
    services: [
      {
        fullName: 'p.Svc',
        name: 'Svc',
        file: 'p.proto',
        methods: names.map(method),
        deprecated: false,
      },
    ],
    messages: {},
    enums: {},
    files: ['p.proto'],
  };
  return { model } as unknown as LoadedSchema;
}

describe('methodOf', () => {
  it('finds a method by any of its names, the same one again', () => {
    const schema = schemaWith('Get', 'Put');
    const found = methodOf(schema, 'p.Svc/Get');
    expect(found.path).toBe('/p.Svc/Get');
    expect(methodOf(schema, 'p.Svc/Get')).toBe(found);
    expect(methodOf(schema, '/p.Svc/Get')).toBe(found);
    expect(methodOf(schema, 'p.Svc.Put').path).toBe('/p.Svc/Put');
  });

  it('asks a schema loaded again afresh: a method it lacks is not found', () => {
    expect(methodOf(schemaWith('Get', 'Put'), '/p.Svc/Put').name).toBe('Put');
    expect(() => methodOf(schemaWith('Get'), '/p.Svc/Put')).toThrow(
      /service p\.Svc has no method Put/,
    );
  });
});
