import type { Registry } from '@bufbuild/protobuf';
import type { LoadedSchema } from './from-descriptors.js';

/**
 * The schema's registry as it stands at each lookup: with the types its packed-type finder has
 * found so far (types packed in Anys that reflection knows though no listed file imports them,
 * the gobgp case), else the schema's own. The finder makes a new registry after each find, so a
 * registry taken when a call starts would miss them; a recorder holding this view sees every type
 * the call's messages were decoded with, and stores its file in the recording.
 */
export function currentRegistry(schema: LoadedSchema): Registry {
  const now = (): Registry => schema.packedTypes?.registry() ?? schema.registry;
  return {
    kind: 'registry',
    [Symbol.iterator]: () => now()[Symbol.iterator](),
    get: (name) => now().get(name),
    getMessage: (name) => now().getMessage(name),
    getEnum: (name) => now().getEnum(name),
    getExtension: (name) => now().getExtension(name),
    getExtensionFor: (extendee, no) => now().getExtensionFor(extendee, no),
    getService: (name) => now().getService(name),
  };
}
