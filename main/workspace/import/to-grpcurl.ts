// "Copy as grpcurl": a saved request (and its schema source) as one shell command line, quoted
// for POSIX shells. parseGrpcurl reads it back into the same request.
import type { SavedRequest } from '../../../shared/workspace/saved-request.js';
import type { SchemaSource } from '../../../shared/workspace/schema-source.js';

/** Single-quotes a word unless it is plainly safe; `'` becomes `'"'"'`. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_./:@%+=,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'"'"'`)}'`;
}

export function toGrpcurl(request: SavedRequest, source?: SchemaSource): string {
  const args: string[] = ['grpcurl'];
  const sec = request.connection.security;
  if (sec.kind === 'plaintext') args.push('-plaintext');
  else {
    if (sec.skipVerify) args.push('-insecure');
    if (sec.caFile !== undefined) args.push('-cacert', sec.caFile);
    if (sec.certFile !== undefined) args.push('-cert', sec.certFile);
    if (sec.keyFile !== undefined) args.push('-key', sec.keyFile);
    if (sec.serverName !== undefined) args.push('-servername', sec.serverName);
  }
  if (request.connection.authority !== undefined)
    args.push('-authority', request.connection.authority);
  if (source?.kind === 'protoFiles') {
    for (const p of source.importPaths) args.push('-import-path', p);
    for (const f of source.files) args.push('-proto', f);
  } else if (source?.kind === 'descriptorSet') {
    args.push('-protoset', source.path);
  }
  for (const row of request.metadata)
    if (row.enabled !== false) args.push('-H', `${row.key}: ${row.value}`);
  if (request.deadlineMs !== undefined) args.push('-max-time', String(request.deadlineMs / 1000));
  if (request.options.emitDefaults) args.push('-emit-defaults');
  if (request.options.allowUnknownFields) args.push('-allow-unknown-fields');
  const messages = Array.isArray(request.body) ? request.body : [request.body];
  args.push('-d', messages.map((m) => JSON.stringify(m)).join('\n'));
  args.push(request.connection.address, request.method.slice(1));
  return args.map((a, i) => (i === 0 ? a : shellQuote(a))).join(' ');
}
