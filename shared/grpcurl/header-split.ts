import { goTrimSpace } from './go-trim-space.js';

/**
 * `'name: value'` split as grpcurl's MetadataFromHeaders splits a header flag: at the first colon,
 * both halves trimmed with Go's strings.TrimSpace, the name lower-cased; no colon is a name with an
 * empty value.
 */
export function splitHeader(text: string): { key: string; value: string } {
  const colon = text.indexOf(':');
  const key = goTrimSpace(colon === -1 ? text : text.slice(0, colon)).toLowerCase();
  return { key, value: colon === -1 ? '' : goTrimSpace(text.slice(colon + 1)) };
}
