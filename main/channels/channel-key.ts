import { createHmac, randomBytes } from 'node:crypto';
import type { ChannelConfig } from './channel-types.js';

/**
 * A stable key: equal configs give equal keys whatever the property order, and the PEM material
 * and the proxy password are digested so keys can be logged without leaking them.
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
    `userAgent=${config.userAgent ?? ''}`,
    `maxSend=${config.maxSendBytes ?? ''}`,
    `maxReceive=${config.maxReceiveBytes ?? ''}`,
    `keepalive=${config.keepaliveMs ?? ''}`,
    `proxy=${proxyPart(config.proxy)}`,
    `compression=${config.compression ?? ''}`,
  );
  return parts.join('|');
}

/** The proxy's address and user; its password digested, like the keys, so a key can be logged. */
function proxyPart(proxy: ChannelConfig['proxy']): string {
  if (proxy === undefined) return '';
  return `${proxy.address};user=${proxy.username ?? ''};password=${digest(proxy.password)}`;
}

/**
 * Keyed with a random per-process secret: a plain hash of a weak proxy password, once logged,
 * could be brute-forced offline. Keys only need to compare equal within this process.
 */
const DIGEST_KEY = randomBytes(32);

function digest(secret: string | undefined): string {
  return secret === undefined
    ? ''
    : createHmac('sha256', DIGEST_KEY).update(secret).digest('hex').slice(0, 16);
}
