import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChannelConfig, Security } from '../../channels/index.js';
import type { SavedConnection, SavedSecurity } from '../../../shared/workspace/saved-request.js';
import { WorkspaceError } from '../store/workspace-error.js';

function readPem(root: string, what: string, file: string): string {
  const full = path.isAbsolute(file) ? file : path.join(root, file);
  try {
    return readFileSync(full, 'utf8');
  } catch (error) {
    throw new WorkspaceError(
      `cannot read the TLS ${what} file ${full}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      'ENOENT',
    );
  }
}

export function securityFromSaved(root: string, saved: SavedSecurity): Security {
  if (saved.kind === 'plaintext') return { kind: 'plaintext' };
  return {
    kind: 'tls',
    ...(saved.caFile !== undefined ? { ca: readPem(root, 'CA', saved.caFile) } : {}),
    ...(saved.certFile !== undefined ? { cert: readPem(root, 'certificate', saved.certFile) } : {}),
    ...(saved.keyFile !== undefined ? { key: readPem(root, 'key', saved.keyFile) } : {}),
    ...(saved.skipVerify ? { skipVerify: true } : {}),
    ...(saved.serverName !== undefined ? { serverName: saved.serverName } : {}),
  };
}

export function channelConfigFromSaved(root: string, connection: SavedConnection): ChannelConfig {
  return {
    target: connection.address.replace(/^grpcs?:\/\//, ''),
    security: securityFromSaved(root, connection.security),
    ...(connection.authority !== undefined ? { authority: connection.authority } : {}),
  };
}
