// In deps.cjs, @bufbuild/protobuf's boot of descriptor.proto gives the objects of each kind one
// shared prototype (scripts/cli-bundle.mjs, sharedBootPrototypes): the package's own boot gave
// each of its ~400 objects a prototype of its own, ~1/4 of the boot's instructions. Checked on
// the real bundle: the prototypes are shared, and the booted descriptor.proto is the package's
// own, own properties (what is set) and values alike.
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { toBinary } from '@bufbuild/protobuf';
import * as ownWkt from '@bufbuild/protobuf/wkt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOT_PROTOTYPE_LITERALS, sharedBootPrototypes } from '../../scripts/cli-bundle.mjs';
import { buildGwb, type BuiltGwb } from './built-gwb.testkit.js';

let built: BuiltGwb;
let bundledWkt: typeof ownWkt;

beforeAll(async () => {
  built = await buildGwb('gwb-boot-prototypes-');
  const deps = createRequire(import.meta.url)(path.join(built.dir, 'dist', 'deps.cjs')) as (
    specifier: string,
  ) => unknown;
  bundledWkt = deps('@bufbuild/protobuf/wkt') as typeof ownWkt;
}, 60_000);

afterAll(() => rmSync(built.dir, { recursive: true, force: true }));

type Proto = Record<string, unknown>;

/** Every object of the booted file, by its $typeName. */
function objectsByType(root: Proto): Map<string, Proto[]> {
  const found = new Map<string, Proto[]>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const object = value as Proto;
    const type = String(object.$typeName);
    found.set(type, [...(found.get(type) ?? []), object]);
    // Own properties only: the prototypes hold defaults, never nested objects.
    for (const key of Object.keys(object)) visit(object[key]);
  };
  visit(root);
  return found;
}

/**
 * The object as the package tells it: its own properties (the set fields) and the defaults its
 * prototype gives the rest, nested alike.
 */
function ownShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ownShape);
  if (value === null || typeof value !== 'object') return value;
  const prototype = Object.getPrototypeOf(value) as object;
  return {
    set: Object.fromEntries(
      Object.keys(value).map((key) => [key, ownShape((value as Proto)[key])]),
    ),
    defaults: prototype === Object.prototype ? {} : { ...prototype },
  };
}

describe("descriptor.proto's boot in deps.cjs", () => {
  it('gives the objects of each kind that has defaults one prototype', () => {
    const byType = objectsByType(bundledWkt.file_google_protobuf_descriptor.proto as never);
    for (const type of [
      'google.protobuf.DescriptorProto',
      'google.protobuf.FieldDescriptorProto',
      'google.protobuf.FieldOptions',
      'google.protobuf.EnumDescriptorProto',
    ]) {
      const objects = byType.get(type) ?? [];
      expect([type, objects.length > 1]).toEqual([type, true]);
      const prototypes = new Set(objects.map((object) => Object.getPrototypeOf(object)));
      expect([type, prototypes.size]).toEqual([type, 1]);
    }
  });

  it("boots the package's own descriptor.proto: the same set fields, defaults and bytes", () => {
    const bundled = bundledWkt.file_google_protobuf_descriptor.proto;
    const own = ownWkt.file_google_protobuf_descriptor.proto;
    expect(ownShape(bundled)).toEqual(ownShape(own));
    expect(toBinary(ownWkt.FileDescriptorProtoSchema, bundled)).toEqual(
      toBinary(ownWkt.FileDescriptorProtoSchema, own),
    );
  });

  it('fails the build when boot.js no longer has the prototype literals it expects', () => {
    const one = 'const proto = Object.create({ visibility: 0 });';
    expect(() => sharedBootPrototypes(one)).toThrow(
      `1 prototype literals, expected ${BOOT_PROTOTYPE_LITERALS}`,
    );
    const shared = sharedBootPrototypes(one.repeat(BOOT_PROTOTYPE_LITERALS));
    expect(shared).not.toContain('Object.create({');
  });
});
