// "Copy as grpcurl" resolves the selected environment's plain variables; a secret one stays
// `{{name}}` (its value never reaches the renderer), so a copied command leaks no secret.
// The placeholders are found and replaced by the engine's own substitution (shared/workspace).
import type { RequestDocument } from '../../shared/request/document.js';
import { substituteText } from '../../shared/workspace/placeholders.js';
import type { JsonValue } from '../../shared/calls/events.js';
import { mapJsonStrings } from '../../shared/json/map-strings.js';

/** Every string in the document with `{{name}}` replaced where `values` has the name. */
export function resolvePlainVariables(
  doc: RequestDocument,
  values: ReadonlyMap<string, string>,
): RequestDocument {
  const text = (s: string): string => substituteText(s, (name) => values.get(name)).text;
  return mapJsonStrings(doc as unknown as JsonValue, text) as unknown as RequestDocument;
}

/** The plain (not secret), enabled variables of an environment as the editor reads them. */
export function plainValues(
  variables: readonly { name: string; value: string; secret: boolean; enabled: boolean }[],
): Map<string, string> {
  return new Map(variables.filter((v) => !v.secret && v.enabled).map((v) => [v.name, v.value]));
}
