// Whether a draft uses `{{variables}}` anywhere the engine substitutes them: only then is it worth
// asking the engine which of them the selected environment lacks.
import type { RequestDocument } from '../../shared/request/index.js';
import { rowEnabled } from '../store/metadataRows.js';

const has = (s: string | undefined): boolean => s !== undefined && s.includes('{{');

export function usesVariables(d: RequestDocument): boolean {
  const c = d.connection;
  const security = c.security.kind === 'tls' ? c.security : undefined;
  return (
    has(c.address) ||
    has(c.authority) ||
    has(security?.serverName) ||
    d.metadata.some((r) => rowEnabled(r) && (has(r.key) || has(r.value))) ||
    d.messages.some((m) => has(JSON.stringify(m)))
  );
}
