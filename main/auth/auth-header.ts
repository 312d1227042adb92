// A substituted auth → the one metadata row it sends, and the values in it that must be masked
// in what is kept (a Basic credential is base64 of the password: the mask would not see it).
import type { Auth } from '../../shared/request/auth.js';
import type { MetadataRow } from '../../shared/request/metadata.js';
import { CommandError } from '../../shared/contract/errors.js';

export interface AuthHeader {
  row: MetadataRow;
  /** Derived secret values (name → value) to mask beside the variables' own. */
  secrets: Map<string, string>;
}

/** The name a Basic credential is masked as: `Basic [secret:basic-credentials]`. */
export const BASIC_SECRET_NAME = 'basic-credentials';
/** The name a fetched OAuth2 token is masked as: `Bearer [secret:oauth2-token]`. */
export const OAUTH2_SECRET_NAME = 'oauth2-token';

export function basicCredentials(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

/**
 * `token`: the OAuth2 access token, already fetched (oauth2 only). `holdsSecret`: whether a
 * secret variable went into the fields (then a Basic credential is masked whole).
 */
export function authHeader(
  auth: Exclude<Auth, { type: 'inherit' | 'none' }>,
  holdsSecret: boolean,
  token?: string,
): AuthHeader {
  switch (auth.type) {
    case 'bearer':
      return { row: { key: 'authorization', value: `Bearer ${auth.token}` }, secrets: new Map() };
    case 'basic': {
      if (auth.username.includes(':'))
        throw new CommandError(
          'invalid_input',
          'auth.username: a Basic username cannot contain ":" (RFC 7617); nothing was sent',
          { field: 'auth.username' },
        );
      const credentials = basicCredentials(auth.username, auth.password);
      return {
        row: { key: 'authorization', value: `Basic ${credentials}` },
        secrets: holdsSecret ? new Map([[BASIC_SECRET_NAME, credentials]]) : new Map(),
      };
    }
    case 'apiKey': {
      const header = auth.header.trim().toLowerCase();
      if (header === '')
        throw new CommandError(
          'invalid_input',
          'auth.header: the API key needs a header name (such as x-api-key); nothing was sent',
          { field: 'auth.header' },
        );
      return { row: { key: header, value: auth.value }, secrets: new Map() };
    }
    case 'oauth2':
      return {
        row: { key: 'authorization', value: `Bearer ${token ?? ''}` },
        secrets: new Map([[OAUTH2_SECRET_NAME, token ?? '']]),
      };
  }
}
