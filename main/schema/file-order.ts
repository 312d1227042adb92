import type { DescriptorProto, FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { SchemaError } from './errors.js';
import { findImportCycle } from './import-cycle.js';
import { wellKnownFile, wellKnownFileOfType } from './wkt.js';

function definedTypes(file: FileDescriptorProto, into: Map<string, string>): void {
  const prefix = file.package ? `.${file.package}.` : '.';
  const visit = (m: DescriptorProto, scope: string): void => {
    into.set(scope + m.name, file.name);
    for (const n of m.nestedType) visit(n, `${scope}${m.name}.`);
    for (const e of m.enumType) into.set(`${scope}${m.name}.${e.name}`, file.name);
  };
  for (const m of file.messageType) visit(m, prefix);
  for (const e of file.enumType) into.set(prefix + e.name, file.name);
}

function referencedTypes(file: FileDescriptorProto): Set<string> {
  const refs = new Set<string>();
  const visit = (m: DescriptorProto): void => {
    for (const f of m.field) if (f.typeName) refs.add(f.typeName);
    for (const x of m.extension) {
      if (x.typeName) refs.add(x.typeName);
      if (x.extendee) refs.add(x.extendee);
    }
    m.nestedType.forEach(visit);
  };
  file.messageType.forEach(visit);
  for (const x of file.extension) {
    if (x.typeName) refs.add(x.typeName);
    if (x.extendee) refs.add(x.extendee);
  }
  for (const s of file.service) for (const m of s.method) refs.add(m.inputType).add(m.outputType);
  return refs;
}

/**
 * Puts files in dependency order (what createFileRegistry needs) and fills in well-known files a
 * source left out (descriptor sets built without --include_imports, terse reflection servers).
 * Files whose dependency lists are incomplete (proto-loader's descriptors, as served by
 * @grpc/reflection, have none) are ordered after the files defining the types they use.
 */
export function orderFiles(
  files: FileDescriptorProto[],
  sourceName: string,
): FileDescriptorProto[] {
  const byName = new Map<string, FileDescriptorProto>();
  for (const f of files) if (!byName.has(f.name)) byName.set(f.name, f);
  const cycle = findImportCycle(byName.keys(), (name) => byName.get(name)?.dependency ?? []);
  if (cycle) {
    throw new SchemaError(
      'invalid_descriptor',
      `${sourceName}: import cycle: ${cycle.join(' -> ')}`,
      { file: cycle[0]! },
    );
  }
  const owners = new Map<string, string>();
  for (const f of byName.values()) definedTypes(f, owners);

  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: FileDescriptorProto[] = [];
  const visit = (file: FileDescriptorProto): void => {
    if (done.has(file.name) || visiting.has(file.name)) return; // only type references can loop here
    visiting.add(file.name);
    for (const dep of file.dependency) {
      const found = byName.get(dep) ?? wellKnownFile(dep)?.proto;
      if (!found) {
        throw new SchemaError(
          'invalid_descriptor',
          `${sourceName}: ${file.name} imports ${dep}, which is not in the descriptor set`,
          {
            file: file.name,
          },
        );
      }
      byName.set(dep, found);
      visit(found);
    }
    for (const type of referencedTypes(file)) {
      const owner = owners.get(type);
      if (owner !== undefined) {
        if (owner !== file.name) visit(byName.get(owner)!);
        continue;
      }
      const wkt = wellKnownFileOfType(type)?.proto;
      if (wkt && !byName.has(wkt.name)) {
        byName.set(wkt.name, wkt);
        definedTypes(wkt, owners);
        visit(wkt);
      }
    }
    visiting.delete(file.name);
    done.add(file.name);
    out.push(file);
  };
  for (const f of [...byName.values()]) visit(f);
  return out;
}
