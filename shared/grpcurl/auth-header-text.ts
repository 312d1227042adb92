// A request's auth as the `-H` header grpcurl would send, from the document alone (zod- and
// Node-free: the renderer's "Copy as grpcurl" uses it). `{{variables}}` stay as written.
import type { Auth } from '../request/auth.js';
import type { MetadataRow } from '../request/metadata.js';
import { hasPlaceholder } from '../workspace/placeholders.js';

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The header row, or why there is none grpcurl could carry (undefined: no auth to carry). */
export function authHeaderRow(
  auth: Auth | undefined,
): { row: MetadataRow } | { left: string } | undefined {
  switch (auth?.type) {
    case undefined:
    case 'inherit':
      return auth === undefined ? undefined : { left: 'the auth inherited from its folder' };
    case 'none':
      return undefined;
    case 'bearer':
      return { row: { key: 'authorization', value: `Bearer ${auth.token}` } };
    case 'apiKey':
      return { row: { key: auth.header.trim().toLowerCase(), value: auth.value } };
    case 'basic':
      // base64 of a `{{variable}}` would send the braces: the user's value is needed first.
      if (hasPlaceholder(auth.username) || hasPlaceholder(auth.password))
        return { left: 'the Basic auth (its user or password is a {{variable}})' };
      return {
        row: {
          key: 'authorization',
          value: `Basic ${base64Utf8(`${auth.username}:${auth.password}`)}`,
        },
      };
    case 'oauth2':
      return { left: 'the OAuth2 token (fetched when the call is sent)' };
  }
}
