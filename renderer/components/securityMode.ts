// The security select of the connection bar and settings: three modes over the document's
// security. Client certificate files (mutual TLS) are TLS settings, not a mode of their own.
import type { Security } from '../../shared/request/index.js';

export type SecurityMode = 'plaintext' | 'tls' | 'tls-skip';

export function securityMode(s: Security): SecurityMode {
  if (s.kind === 'plaintext') return 'plaintext';
  return s.skipVerify ? 'tls-skip' : 'tls';
}

/** The security in another mode, keeping the TLS files when moving between TLS modes. */
export function withSecurityMode(s: Security, mode: SecurityMode): Security {
  if (mode === 'plaintext') return { kind: 'plaintext' };
  const { skipVerify: _skip, ...tls } = s.kind === 'tls' ? s : { kind: 'tls' as const };
  return mode === 'tls-skip' ? { ...tls, skipVerify: true } : tls;
}
