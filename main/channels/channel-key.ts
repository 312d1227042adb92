import { createHmac, randomBytes } from 'node:crypto';
import type { ChannelConfig } from './channel-types.js';

/**
 * A stable key: equal configs give equal keys whatever the property order, and the PEM material,
 * the authority, the user agent and the proxy password are digested so keys can be logged (and
 * hashed into channel.state events) without leaking them.
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
    // Digested too: a {{secret}} may be substituted into either.
    `authority=${digest(config.authority)}`,
    `userAgent=${digest(config.userAgent)}`,
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
 * Keyed with a random per-process secret: a plain hash of a weak secret (a proxy password, a
 * token in a user agent), once logged,
 * could be brute-forced offline. Keys only need to compare equal within this process.
 */
const DIGEST_KEY = randomBytes(32);

function digest(secret: string | undefined): string {
  return secret === undefined
    ? ''
    : createHmac('sha256', DIGEST_KEY).update(secret).digest('hex').slice(0, 16);
}
