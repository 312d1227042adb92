// The texts of an auth, by field, so `{{variables}}` in them are substituted like any other part
// of the request (and an unknown one is reported as `auth.password`).
import type { Auth } from '../../shared/request/auth.js';

type Fields = Record<string, string>;

export function authFields(auth: Auth): Fields {
  const { type: _type, ...fields } = auth;
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields))
    if (typeof value === 'string') out[key] = value;
  return out;
}

/** The auth with its fields replaced by `values` (same keys, substituted). */
export function withFields<A extends Auth>(auth: A, values: Fields): A {
  return { ...auth, ...values };
}
