// Contract connections name certificate files; the channel pool wants PEM text. Files are read
// here so a missing or unreadable file is a clear error naming the field and the path.

import { readFileSync } from 'node:fs';
import type { ChannelConfig, Security as PoolSecurity } from '../channels/index.js';
import { CommandError, type Connection } from '../../shared/contract/index.js';

const MAX_PEM_BYTES = 1 << 20;

function readPem(
  field: string,
  path: string | undefined,
  inline: string | undefined,
): string | undefined {
  if (inline !== undefined) return inline;
  if (path === undefined) return undefined;
  try {
    const text = readFileSync(path, 'utf8');
    if (text.length > MAX_PEM_BYTES) throw new Error('file larger than 1 MiB');
    return text;
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (error as Error).message;
    throw new CommandError(
      'not_found',
      `connection.security.${field}: cannot read ${path}: ${reason}`,
      { field, path },
    );
  }
}

export function toChannelConfig(connection: Connection): ChannelConfig {
  const s = connection.security;
  let security: PoolSecurity;
  if (s.kind === 'plaintext') security = { kind: 'plaintext' };
  else {
    security = { kind: 'tls' };
    const ca = readPem('caCertPath', s.caCertPath, s.caCertPem);
    const cert = readPem('clientCertPath', s.clientCertPath, s.clientCertPem);
    const key = readPem('clientKeyPath', s.clientKeyPath, s.clientKeyPem);
    if (ca !== undefined) security.ca = ca;
    if (cert !== undefined) security.cert = cert;
    if (key !== undefined) security.key = key;
    if (s.insecureSkipVerify) security.skipVerify = true;
    if (s.serverName !== undefined) security.serverName = s.serverName;
  }
  const config: ChannelConfig = { target: connection.target, security };
  if (connection.authority !== undefined) config.authority = connection.authority;
  if (connection.maxSendMessageBytes !== undefined)
    config.maxSendBytes = connection.maxSendMessageBytes;
  if (connection.maxReceiveMessageBytes !== undefined)
    config.maxReceiveBytes = connection.maxReceiveMessageBytes;
  if (connection.keepaliveMs !== undefined) config.keepaliveMs = connection.keepaliveMs;
  if (connection.connectTimeoutMs !== undefined)
    config.connectTimeoutMs = connection.connectTimeoutMs;
  return config;
}
