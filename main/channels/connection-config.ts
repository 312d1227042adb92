// The one function from a request's connection (shared/request) to a channel configuration. The
// address is checked, `unix` applied and the certificate files read here and nowhere else, so every
// caller (UI, gwb, saved-request runs, replay) gets the same errors naming the same fields.

import path from 'node:path';
// The zod-free module for the function, types only from connection.ts: `gwb list` loads no zod.
import type { Connection, Security } from '../../shared/request/connection.js';
import { targetOf } from '../../shared/request/targets.js';
import {
  ChannelConfigError,
  type ChannelConfig,
  type Security as PoolSecurity,
} from './channel-types.js';
import { FILE_LIMITS, FileReadError, readFileText } from '../platform/safe-read.js';
import { keptPemText } from './pem-cache.js';
import { ProxySettingError, resolveProxy, type Env } from '../proxy/resolve-proxy.js';

/** What each TLS file is, in the user's words. */
const PEM_KIND: Record<TlsFileField, string> = {
  caFile: 'CA certificate',
  certFile: 'client certificate',
  keyFile: 'client key',
};

export interface ChannelConfigOptions {
  /** Where relative certificate paths start: the open workspace for saved requests. */
  baseDir?: string;
  /** Where a connection without a proxy setting finds one (grpc_proxy, https_proxy, no_proxy…); process.env by default. */
  env?: Env;
}

type TlsFileField = 'caFile' | 'certFile' | 'keyFile';

/**
 * The channel configuration for a connection. Throws ChannelConfigError naming the field:
 * `connection.address: must not be empty`, `connection.security.caFile: cannot read /x/ca.pem:
 * no such file`. `{{variables}}` must have been substituted before.
 */
export function toChannelConfig(
  connection: Connection,
  opts: ChannelConfigOptions = {},
): ChannelConfig {
  const target = checkedTarget(connection);
  const config: ChannelConfig = {
    target,
    security: securityOf(connection.security, opts.baseDir),
  };
  const proxy = proxyOf(connection, target, opts.env ?? process.env);
  if (proxy !== undefined) config.proxy = proxy;
  if (connection.compression !== undefined && connection.compression !== 'identity')
    config.compression = connection.compression;
  if (connection.authority !== undefined) config.authority = connection.authority;
  if (connection.userAgent !== undefined) config.userAgent = connection.userAgent;
  if (connection.maxSendBytes !== undefined) config.maxSendBytes = connection.maxSendBytes;
  if (connection.maxReceiveBytes !== undefined) config.maxReceiveBytes = connection.maxReceiveBytes;
  if (connection.keepaliveMs !== undefined) config.keepaliveMs = connection.keepaliveMs;
  if (connection.connectTimeoutMs !== undefined)
    config.connectTimeoutMs = connection.connectTimeoutMs;
  return config;
}

function checkedTarget(connection: Connection): string {
  const target = targetOf(connection);
  if (target === '' || target === 'unix:')
    throw addressError('must not be empty: give host:port (or a socket path with unix)');
  const space = /[\s\0]/.exec(target);
  if (space)
    throw addressError(
      `must not contain whitespace (found ${JSON.stringify(space[0])} in "${target}")`,
    );
  return target;
}

function proxyOf(connection: Connection, target: string, env: Env): ChannelConfig['proxy'] {
  try {
    return resolveProxy(connection.proxy, target, env);
  } catch (error) {
    if (!(error instanceof ProxySettingError)) throw error;
    throw new ChannelConfigError(error.message, 'invalid_input', { field: error.field });
  }
}

function addressError(problem: string): ChannelConfigError {
  return new ChannelConfigError(`connection.address: ${problem}`, 'invalid_input', {
    field: 'connection.address',
  });
}

function securityOf(security: Security, baseDir: string | undefined): PoolSecurity {
  if (security.kind === 'plaintext') return { kind: 'plaintext' };
  const out: PoolSecurity = { kind: 'tls' };
  const ca = readPem('caFile', security.caFile, baseDir);
  const cert = readPem('certFile', security.certFile, baseDir);
  const key = readPem('keyFile', security.keyFile, baseDir);
  if (ca !== undefined) out.ca = ca;
  if (cert !== undefined) out.cert = cert;
  if (key !== undefined) out.key = key;
  if (security.skipVerify) out.skipVerify = true;
  if (security.serverName !== undefined) out.serverName = security.serverName;
  return out;
}

function readPem(
  field: TlsFileField,
  file: string | undefined,
  baseDir: string | undefined,
): string | undefined {
  if (file === undefined) return undefined;
  const full = baseDir !== undefined && !path.isAbsolute(file) ? path.join(baseDir, file) : file;
  const where = `connection.security.${field}`;
  let text: string;
  try {
    // A PEM bundle of a few hundred CAs is ~200 KiB; never a FIFO, a device or more than 1 MiB.
    // Kept while unchanged: a call builds its configuration up to three times (pem-cache.ts).
    text = keptPemText(full, () =>
      readFileText(full, { what: PEM_KIND[field], limit: FILE_LIMITS.pem }),
    );
  } catch (error) {
    const errno = error instanceof FileReadError ? error.code : undefined;
    if (errno === 'EFBIG')
      throw new ChannelConfigError(
        `${where}: ${full} is larger than 1 MiB, so it is not a PEM certificate or key`,
        'invalid_input',
        { field: where, path: full },
      );
    const reason =
      errno === 'ENOENT'
        ? 'no such file'
        : error instanceof FileReadError
          ? error.reason
          : (error as Error).message;
    throw new ChannelConfigError(
      `${where}: cannot read ${full}: ${reason}`,
      errno === 'ENOENT' ? 'not_found' : 'invalid_input',
      { field: where, path: full },
    );
  }
  return text;
}
