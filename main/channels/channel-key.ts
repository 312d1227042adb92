import { createHash } from 'node:crypto';
import type { ChannelConfig } from './channel-types.js';

/**
 * A stable key: equal configs give equal keys whatever the property order, and the PEM material
 * is hashed so keys can be logged without leaking private keys.
 */
export function channelKey(config: ChannelConfig): string {
  const { security } = config;
  const parts: string[] = [config.target];
  if (security.kind === 'plaintext') {
    parts.push('plaintext');
  } else {
    parts.push(
      'tls',
      `ca=${digest(security.ca)}`,
      `cert=${digest(security.cert)}`,
      `key=${digest(security.key)}`,
      `skipVerify=${security.skipVerify === true}`,
      `serverName=${security.serverName ?? ''}`,
    );
  }
  parts.push(
    `authority=${config.authority ?? ''}`,
    `maxSend=${config.maxSendBytes ?? ''}`,
    `maxReceive=${config.maxReceiveBytes ?? ''}`,
    `keepalive=${config.keepaliveMs ?? ''}`,
    `proxy=${proxyPart(config.proxy)}`,
    `compression=${config.compression ?? ''}`,
  );
  return parts.join('|');
}

/** The proxy's address and user; its password hashed, like the keys, so a key can be logged. */
function proxyPart(proxy: ChannelConfig['proxy']): string {
  if (proxy === undefined) return '';
  return `${proxy.address};user=${proxy.username ?? ''};password=${digest(proxy.password)}`;
}

function digest(pem: string | undefined): string {
  return pem === undefined ? '' : createHash('sha256').update(pem).digest('hex').slice(0, 16);
}
