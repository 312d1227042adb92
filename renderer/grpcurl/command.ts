// "Copy as grpcurl": the same request as a grpcurl command line a person can paste into a shell.
import type { MetadataEntry } from '../../shared/calls/events.js';

export type Security =
  | { mode: 'plaintext' }
  | { mode: 'tls'; skipVerify?: boolean; caFile?: string; certFile?: string; keyFile?: string };

export type SchemaSourceSpec =
  | { kind: 'reflection'; metadata?: MetadataEntry[] }
  | { kind: 'protoFiles'; files: string[]; importPaths: string[] }
  | { kind: 'descriptorSet'; files: string[] };

export interface GrpcurlRequest {
  address: string;
  security: Security;
  authority?: string;
  schema: SchemaSourceSpec;
  /** `package.Service/Method` or `package.Service.Method` */
  method: string;
  /** One JSON text per message (several for client and bidi streams). */
  bodies: string[];
  metadata: MetadataEntry[];
  deadlineMs?: number;
  maxMessageBytes?: number;
}

/** POSIX shell quoting: single quotes, with embedded single quotes closed and escaped. */
export function shellQuote(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function grpcurlCommand(r: GrpcurlRequest): string {
  const args: string[] = ['grpcurl'];
  if (r.security.mode === 'plaintext') args.push('-plaintext');
  else {
    if (r.security.skipVerify) args.push('-insecure');
    if (r.security.caFile) args.push('-cacert', shellQuote(r.security.caFile));
    if (r.security.certFile) args.push('-cert', shellQuote(r.security.certFile));
    if (r.security.keyFile) args.push('-key', shellQuote(r.security.keyFile));
  }
  if (r.authority) args.push('-authority', shellQuote(r.authority));
  if (r.schema.kind === 'protoFiles') {
    for (const p of r.schema.importPaths) args.push('-import-path', shellQuote(p));
    for (const f of r.schema.files) args.push('-proto', shellQuote(f));
  } else if (r.schema.kind === 'descriptorSet') {
    for (const f of r.schema.files) args.push('-protoset', shellQuote(f));
  } else {
    for (const m of r.schema.metadata ?? [])
      if (m.key) args.push('-reflect-header', shellQuote(`${m.key}: ${m.value}`));
  }
  for (const m of r.metadata) if (m.key) args.push('-H', shellQuote(`${m.key}: ${m.value}`));
  if (r.deadlineMs !== undefined && r.deadlineMs > 0)
    args.push('-max-time', String(r.deadlineMs / 1000));
  if (r.maxMessageBytes !== undefined) args.push('-max-msg-sz', String(r.maxMessageBytes));
  const body = r.bodies.map((b) => compactJson(b)).join('\n');
  if (body.trim() !== '') args.push('-d', shellQuote(body));
  args.push(shellQuote(r.address), shellQuote(r.method.replace(/^\//, '')));
  return args.join(' ');
}

function compactJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text.trim();
  }
}
