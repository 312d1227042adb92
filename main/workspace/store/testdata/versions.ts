import type { RequestDocument } from '../../../../shared/request/document.js';

/** Two versions of one request, big enough that a write takes several syscalls. */
export function versionedRequest(version: 'A' | 'B'): RequestDocument {
  return {
    name: `version ${version}`,
    connection: { address: 'localhost:50051', security: { kind: 'plaintext' } },
    method: '/example.UserService/GetUser',
    messages: [{ id: version, pad: version.repeat(version === 'A' ? 40_000 : 60_000) }],
    metadata: [],
    options: {},
    notes: version,
  };
}
