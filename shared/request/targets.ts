// Where a connection goes, without zod (the renderer bundle imports this at run time).
import type { Connection } from './connection.js';

/** The grpc-js target for a connection: `unix:` is added for a socket path given with `unix`. */
export function targetOf(connection: Pick<Connection, 'address' | 'unix'>): string {
  const address = connection.address.trim().replace(/^grpcs?:\/\//, '');
  if (connection.unix && !address.startsWith('unix:')) return `unix:${address}`;
  return address;
}

export const plaintextConnection = (address: string): Connection => ({
  address,
  security: { kind: 'plaintext' },
});
