// What the call registry needs from the workspace before a call: the request with its variables
// substituted (secrets too, so their values never reach a client), and where relative files are
// read from. The workspace engine provides it (createWorkspaceEngine's prepareCall).
import { CommandError } from '../../shared/contract/errors.js';
import type { Connection } from '../../shared/request/connection.js';
import { newRequest, type RequestDocument } from '../../shared/request/document.js';
import type { MetadataRow } from '../../shared/request/metadata.js';
import type { Auth } from '../../shared/request/auth.js';
import { BASIC_SECRET_NAME, OAUTH2_SECRET_NAME } from '../auth/index.js';
import { secretPlaceholder } from '../calls/secret-mask.js';
import type { CapturedVariables } from '../workspace/variables/captured.js';
import type { FolderSettingsReader } from './workspace-folders.js';

export interface PrepareCallInput {
  request: RequestDocument;
  /** Default: the selected environment; null: none. */
  environment?: string | null;
  /** The saved request's path (`collection/folder/name`): its auth may inherit its folders'. */
  requestPath?: string;
  /** Only substitute and report unknown variables (checking, not calling): fetch no token. */
  resolveOnly?: boolean;
  /** Captured values over the environment's; absent: the engine's default scope (main/checks). */
  captured?: CapturedVariables;
  /** The folders' settings (inherited auth) as the caller sees them; absent: read now. */
  folders?: FolderSettingsReader;
}

export interface PreparedCall {
  /** The request with `{{variables}}` replaced by their values. */
  request: RequestDocument;
  /** Secret variable values used (name → value), masked in what is kept (history). */
  secrets: Map<string, string>;
  /** Variables with no value, and where each was used (`metadata[0].value`, `messages[1].id`). */
  unknown: { name: string; where: string }[];
  /** The environment whose values were used. */
  environment?: string;
  /** Relative certificate and proto paths start here: the open workspace's folder. */
  baseDir: string;
}

export type PrepareCall = (input: PrepareCallInput) => Promise<PreparedCall>;

/**
 * Unknown variables stop the work before anything is sent, saying which and where, and what did
 * not happen (`outcome`: a copy with secrets says nothing was copied).
 */
export function refuseUnknownVariables(prepared: PreparedCall, outcome = 'nothing was sent'): void {
  const { unknown } = prepared;
  if (unknown.length === 0) return;
  const list = unknown.map((u) => `{{${u.name}}} in ${u.where}`).join(', ');
  const env =
    prepared.environment === undefined
      ? 'no environment selected'
      : `environment "${prepared.environment}"`;
  throw new CommandError(
    'invalid_input',
    `unknown variable${unknown.length === 1 ? '' : 's'}: ${list} (${env}); ${outcome}`,
    { unknown },
  );
}

export interface PreparedConnection {
  connection: Connection;
  metadata: MetadataRow[];
  baseDir: string;
  /** Secret values substituted into them (name → value), to be masked in what is kept. */
  secrets: Map<string, string>;
}

/**
 * A connection and metadata rows with their variables substituted as a call's would be, for the
 * work that connects without a call of its own: reflection (schema.load) and replay.
 */
export async function prepareConnection(
  prepareCall: PrepareCall,
  connection: Connection,
  metadata: MetadataRow[] = [],
  /** The request's auth and saved path: reflection authenticates as its calls do. */
  as: { auth?: Auth; requestPath?: string } = {},
): Promise<PreparedConnection> {
  const prepared = await prepareCall({
    request: { ...newRequest(connection), metadata, ...(as.auth ? { auth: as.auth } : {}) },
    ...(as.requestPath !== undefined ? { requestPath: as.requestPath } : {}),
  });
  refuseUnknownVariables(prepared);
  return {
    connection: prepared.request.connection,
    metadata: prepared.request.metadata,
    baseDir: prepared.baseDir,
    secrets: prepared.secrets,
  };
}

/**
 * The values of the secrets a recording masked (its header's `secrets`), taken from the
 * environment again for a replay; refused, naming them, when the environment lacks one.
 */
export async function recordedSecrets(
  prepareCall: PrepareCall,
  connection: Connection,
  names: readonly string[],
): Promise<Map<string, string>> {
  names = names.filter((name) => !isDerivedSecret(name));
  if (names.length === 0) return new Map();
  const messages = names.map((name) => `{{${name}}}`);
  const prepared = await prepareCall({ request: { ...newRequest(connection), messages } });
  const missing = [...new Set(prepared.unknown.map((u) => u.name))];
  if (missing.length > 0) {
    const env =
      prepared.environment === undefined
        ? 'no environment is selected'
        : `environment "${prepared.environment}" has no value for ${missing.length === 1 ? 'it' : 'them'}`;
    throw new CommandError(
      'invalid_input',
      `the recording was made with secret ${missing.map((n) => `"${n}"`).join(', ')}, masked in it, and ${env}: it cannot be replayed as it was sent; nothing was sent`,
      { unknown: missing },
    );
  }
  return new Map(names.map((name, i) => [name, String(prepared.request.messages[i])]));
}

/**
 * Masked values made by the auth, not taken from a variable: no environment holds them, so a
 * recording never lists them among its secrets and a replay cannot restore them.
 */
const DERIVED_SECRETS: Readonly<Record<string, string>> = {
  [OAUTH2_SECRET_NAME]: 'an OAuth2 access token (fetched for each call and never kept)',
  [BASIC_SECRET_NAME]: 'Basic credentials built from a secret (kept masked)',
};

export function isDerivedSecret(name: string): boolean {
  return Object.hasOwn(DERIVED_SECRETS, name);
}

/**
 * A replay with the recorded metadata, when a row of it held a derived secret: refused, saying
 * what to give instead: the metadata rows to send.
 */
export function refuseDerivedSecrets(recorded: readonly { key: string; value: string }[]): void {
  for (const [name, what] of Object.entries(DERIVED_SECRETS)) {
    const row = recorded.find((e) => e.value.includes(secretPlaceholder(name)));
    if (!row) continue;
    throw new CommandError(
      'invalid_input',
      `the recording was sent with ${what} in metadata "${row.key}", which cannot be replayed: give the metadata to send instead (a "${row.key}" row with a current value); nothing was sent`,
      { field: 'metadata', key: row.key, secret: name },
    );
  }
}
