// `schema.loadContents`: a schema from files given by their contents (dropped on the window),
// loaded by main/schema's own loaders and kept in the schema store like any other load.
import type { Output, ParsedInput } from '../../shared/contract/index.js';
import type { SchemaContents } from '../schema/index.js';
import type { SchemaStore } from './schemas.js';

/** How many dropped paths the schema's name lists before "and N more". */
const NAMED = 3;

export function loadContents(
  store: SchemaStore,
  input: ParsedInput<'schema.loadContents'>,
): Promise<Output<'schema.loadContents'>> {
  const contents: SchemaContents = { protos: [], descriptorSets: [] };
  for (const f of input.files)
    if (f.kind === 'proto') contents.protos.push({ path: f.path, text: f.text });
    else
      contents.descriptorSets.push({
        path: f.path,
        bytes: new Uint8Array(Buffer.from(f.base64, 'base64')),
      });
  const source =
    contents.protos.length === 0
      ? 'descriptor_set'
      : contents.descriptorSets.length === 0
        ? 'proto_files'
        : 'merged';
  return store.add(source, input.name ?? nameOf(input.files), input.progressId, async () => {
    // The .proto parser (protobufjs) loads only when a schema is: every gwb call loads the engine.
    const { loadSchemaContents } = await import('../schema/index.js');
    return { schema: loadSchemaContents(contents) };
  });
}

function nameOf(files: { path: string }[]): string {
  const shown = files.slice(0, NAMED).map((f) => f.path);
  const more = files.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
