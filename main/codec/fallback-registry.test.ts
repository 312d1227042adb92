import { createRegistry } from '@bufbuild/protobuf';
import { file_google_protobuf_timestamp } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { fallbackRegistry, registryWithWellKnownTypes } from './fallback-registry.js';

// A registry after the first may be given as a function: it is made only when a lookup was not
// answered before it (a gwb call then never builds the well-known types' registry), once, and
// answers as the registry itself would.
describe('fallbackRegistry with a registry made on demand', () => {
  const schema = createRegistry(file_google_protobuf_timestamp);

  it('makes it only for a name the registries before it lack, and once', () => {
    let made = 0;
    const registry = fallbackRegistry(schema, () => {
      made++;
      return createRegistry();
    });
    expect(registry.getMessage('google.protobuf.Timestamp')?.typeName).toBe(
      'google.protobuf.Timestamp',
    );
    expect(made).toBe(0);
    expect(registry.getMessage('no.Such')).toBeUndefined();
    expect(registry.get('no.Other')).toBeUndefined();
    expect(made).toBe(1);
  });

  it('the well-known types answer what the schema lacks, iteration included', () => {
    const registry = registryWithWellKnownTypes(createRegistry());
    expect(registry.getMessage('google.protobuf.Duration')?.typeName).toBe(
      'google.protobuf.Duration',
    );
    expect(registry.getMessage('google.protobuf.Any')).toBeDefined();
    const names = [...registry].map((desc) => desc.typeName);
    expect(names).toContain('google.protobuf.Struct');
    expect(new Set(names).size).toBe(names.length);
  });
});
