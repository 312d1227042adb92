// "Copy as grpcurl" resolves the selected environment's plain variables; a secret one stays
// `{{name}}` (its value never reaches the renderer), so a copied command leaks no secret.
// The placeholders are found and replaced by the engine's own substitution (shared/workspace).
import type { RequestDocument } from '../../shared/request/document.js';
import { substituteText } from '../../shared/workspace/placeholders.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Every string in the document with `{{name}}` replaced where `values` has the name. */
export function resolvePlainVariables(
  doc: RequestDocument,
  values: ReadonlyMap<string, string>,
): RequestDocument {
  const text = (s: string): string => substituteText(s, (name) => values.get(name)).text;
  const walk = (v: Json): Json => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: { [key: string]: Json } = {};
      for (const [k, item] of Object.entries(v))
        Object.defineProperty(out, text(k), {
          value: walk(item),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    }
    return v;
  };
  return walk(doc as unknown as Json) as unknown as RequestDocument;
}

/** The plain (not secret), enabled variables of an environment as the editor reads them. */
export function plainValues(
  variables: readonly { name: string; value: string; secret: boolean; enabled: boolean }[],
): Map<string, string> {
  return new Map(variables.filter((v) => !v.secret && v.enabled).map((v) => [v.name, v.value]));
}
