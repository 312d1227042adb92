import { createRegistry, type Registry } from '@bufbuild/protobuf';
import {
  file_google_protobuf_any,
  file_google_protobuf_duration,
  file_google_protobuf_empty,
  file_google_protobuf_field_mask,
  file_google_protobuf_struct,
  file_google_protobuf_timestamp,
  file_google_protobuf_wrappers,
} from '@bufbuild/protobuf/wkt';

let wkt: Registry | undefined;

/** The well-known types every proto3 JSON implementation knows, even when no loaded file imports them. */
export function wellKnownTypesRegistry(): Registry {
  wkt ??= createRegistry(
    file_google_protobuf_any,
    file_google_protobuf_duration,
    file_google_protobuf_empty,
    file_google_protobuf_field_mask,
    file_google_protobuf_struct,
    file_google_protobuf_timestamp,
    file_google_protobuf_wrappers,
  );
  return wkt;
}

/** A registry, or a function that makes it the first time a lookup gets that far. */
type RegistryOrMaker = Registry | (() => Registry);

/**
 * Looks a name up in each registry in turn. Used to resolve Any's "@type" against the loaded schema
 * first and the well-known types after; cheaper than createRegistry(), which copies every type of a
 * large schema. A registry given as a function is made only when a name was not found before it:
 * a call whose types are all in its schema never builds the well-known types' registry (seven
 * files decoded from their embedded descriptors, ~2 % of a gwb call).
 */
export function fallbackRegistry(...given: RegistryOrMaker[]): Registry {
  const made = new Map<number, Registry>();
  const at = (i: number): Registry => {
    const entry = given[i] as RegistryOrMaker;
    if (typeof entry !== 'function') return entry;
    let registry = made.get(i);
    if (!registry) made.set(i, (registry = entry()));
    return registry;
  };
  function* registries(): Generator<Registry> {
    for (let i = 0; i < given.length; i++) yield at(i);
  }
  const first = <T>(pick: (r: Registry) => T | undefined): T | undefined => {
    for (const r of registries()) {
      const found = pick(r);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return {
    kind: 'registry',
    *[Symbol.iterator]() {
      const seen = new Set<string>();
      for (const r of registries()) {
        for (const desc of r) {
          if (seen.has(desc.typeName)) continue;
          seen.add(desc.typeName);
          yield desc;
        }
      }
    },
    get: (name) => first((r) => r.get(name)),
    getMessage: (name) => first((r) => r.getMessage(name)),
    getEnum: (name) => first((r) => r.getEnum(name)),
    getExtension: (name) => first((r) => r.getExtension(name)),
    getExtensionFor: (extendee, no) => first((r) => r.getExtensionFor(extendee, no)),
    getService: (name) => first((r) => r.getService(name)),
  };
}

const withWkt = new WeakMap<Registry, Registry>();

/** The given registry, backed by the well-known types; cached per registry. */
export function registryWithWellKnownTypes(registry: Registry): Registry {
  let combined = withWkt.get(registry);
  if (!combined) {
    combined = fallbackRegistry(registry, wellKnownTypesRegistry);
    withWkt.set(registry, combined);
  }
  return combined;
}
