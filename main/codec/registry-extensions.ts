import type { DescExtension, DescMessage, Registry } from '@bufbuild/protobuf';

// A proto2 message can be extended by fields declared in other files (`extend Foo { … }`). Its
// descriptor does not list them: only the registry that loaded those files knows them. Walks over
// "everything a message can hold" (an Any to open, a map to sort) must follow them too, or an Any
// or a map inside an extension is missed.

const byRegistry = new WeakMap<Registry, Map<string, DescExtension[]>>();
const NONE: readonly DescExtension[] = [];

/** The extensions `registry` knows for `desc` (none for a message without extension ranges). */
export function extensionsOf(desc: DescMessage, registry: Registry): readonly DescExtension[] {
  if (desc.proto.extensionRange.length === 0) return NONE;
  let index = byRegistry.get(registry);
  if (!index) byRegistry.set(registry, (index = indexExtensions(registry)));
  return index.get(desc.typeName) ?? NONE;
}

/** Every extension in the registry by the full name of the message it extends (one pass). */
function indexExtensions(registry: Registry): Map<string, DescExtension[]> {
  const index = new Map<string, DescExtension[]>();
  for (const type of registry) {
    if (type.kind !== 'extension') continue;
    const list = index.get(type.extendee.typeName);
    if (list) list.push(type);
    else index.set(type.extendee.typeName, [type]);
  }
  return index;
}

const WITHOUT_REGISTRY = {};

/**
 * `compute` remembered per type and per registry (a type read with a registry that knows more
 * extensions can hold more): asked per field of every message walked, computed once.
 */
export function perTypeAndRegistry(
  compute: (desc: DescMessage, registry: Registry | undefined) => boolean,
): (desc: DescMessage, registry?: Registry) => boolean {
  const caches = new WeakMap<object, WeakMap<DescMessage, boolean>>();
  return (desc, registry) => {
    const key = registry ?? WITHOUT_REGISTRY;
    let cache = caches.get(key);
    if (!cache) caches.set(key, (cache = new WeakMap()));
    let answer = cache.get(desc);
    if (answer === undefined) cache.set(desc, (answer = compute(desc, registry)));
    return answer;
  };
}
