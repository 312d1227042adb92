// The effective auth of a request → its metadata row, with `{{variables}}` substituted (as the
// rest of the request is) and the values to mask. Runs inside prepareCall, the one call path, so
// calls, reflection and replays all authenticate the same way.
import { CommandError } from '../../shared/contract/errors.js';
import { createSecretMask } from '../calls/secret-mask.js';
import type { MetadataRow } from '../../shared/request/metadata.js';
import { authFields, withFields } from './auth-fields.js';
import { authHeader } from './auth-header.js';
import type { OAuth2Params, TokenCache } from './oauth2-token.js';
import type { EffectiveAuth } from './resolve-auth.js';

export interface Substituted {
  values: string[];
  /** Variables without a value, by the index of the text they were in. */
  unknown: { name: string; index: number }[];
  /** The secret values that may have gone in (name → value). */
  secrets: ReadonlyMap<string, string>;
}

export interface AuthDeps {
  substitute(texts: string[]): Promise<Substituted>;
  tokens: TokenCache;
  /** Only substitute and report unknown variables (the call will be refused): fetch nothing. */
  resolveOnly?: boolean;
}

export interface AppliedAuth {
  row?: MetadataRow;
  secrets: Map<string, string>;
  unknown: { name: string; where: string }[];
}

export async function applyAuth(effective: EffectiveAuth, deps: AuthDeps): Promise<AppliedAuth> {
  const { auth } = effective;
  if (auth.type === 'none' || auth.type === 'inherit') return { secrets: new Map(), unknown: [] };
  const fields = authFields(auth);
  const keys = Object.keys(fields);
  const done = await deps.substitute(keys.map((k) => fields[k] as string));
  const prefix = effective.from === 'request' ? 'auth' : `auth of folder "${effective.from}"`;
  const unknown = done.unknown.map((u) => ({ name: u.name, where: `${prefix}.${keys[u.index]}` }));
  // Nothing is fetched or sent while a variable has no value: the caller refuses the call.
  if (unknown.length > 0 || deps.resolveOnly) return { secrets: new Map(), unknown };
  const substituted = withFields(
    auth,
    Object.fromEntries(keys.map((k, i) => [k, done.values[i] as string])),
  );
  const secretValues = [...done.secrets.values()].filter((v) => v !== '');
  const holdsSecret = done.values.some((v) => secretValues.some((s) => v.includes(s)));
  const token =
    substituted.type === 'oauth2'
      ? await fetchMasked(deps.tokens, done.secrets, {
          tokenUrl: substituted.tokenUrl,
          clientId: substituted.clientId,
          clientSecret: substituted.clientSecret,
          ...(substituted.scope ? { scope: substituted.scope } : {}),
          ...(substituted.audience ? { audience: substituted.audience } : {}),
        })
      : undefined;
  const header = authHeader(substituted, holdsSecret, token);
  return { row: header.row, secrets: header.secrets, unknown: [] };
}

/** The token; its errors name the token URL, which may hold a secret: masked as everywhere. */
async function fetchMasked(
  tokens: TokenCache,
  secrets: ReadonlyMap<string, string>,
  params: OAuth2Params,
): Promise<string> {
  try {
    return await tokens.token(params);
  } catch (error) {
    throw createSecretMask(secrets)?.error(error) ?? error;
  }
}

/** An auth header beside a metadata row of the same key would send two: refused, saying where. */
export function refuseDuplicateHeader(metadata: readonly MetadataRow[], row: MetadataRow): void {
  const at = metadata.findIndex(
    (r) => r.enabled !== false && r.key.trim().toLowerCase() === row.key,
  );
  if (at === -1) return;
  throw new CommandError(
    'invalid_input',
    `metadata[${at}] sets "${row.key}" and the Auth section sets it too: remove the row or set Auth to None; nothing was sent`,
    { field: `request.metadata[${at}].key` },
  );
}
