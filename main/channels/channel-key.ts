import { createHmac, randomBytes } from 'node:crypto';
import type { ChannelConfig } from './channel-types.js';

/**
 * A stable key: equal configs give equal keys whatever the property order. Every part that is
 * free text — and so may hold a substituted `{{secret}}`: the target, the server name, the
 * authority, the user agent, the proxy's address, user and password — and the PEM material are
 * digested with a per-process key, so keys can be logged (and hashed into channel.state events)
 * without leaking them or anything a guess could be checked against. What stays in clear are
 * flags, numbers and names from a fixed list.
 */
export function channelKey(config: ChannelConfig): string {
  const { security } = config;
  const parts: string[] = [`target=${digest(config.target)}`];
  if (security.kind === 'plaintext') {
    parts.push('plaintext');
  } else {
    parts.push(
      'tls',
      `ca=${digest(security.ca)}`,
      `cert=${digest(security.cert)}`,
      `key=${digest(security.key)}`,
      `skipVerify=${security.skipVerify === true}`,
      `serverName=${digest(security.serverName)}`,
    );
  }
  parts.push(
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

function proxyPart(proxy: ChannelConfig['proxy']): string {
  if (proxy === undefined) return '';
  const { address, username, password } = proxy;
  return `${digest(address)};user=${digest(username)};password=${digest(password)}`;
}

/**
 * Keyed with a random per-process secret: a plain hash of a weak secret (a proxy password, a
 * token in a user agent, a host name), once logged, could be brute-forced offline. Keys only
 * need to compare equal within this process (absent gives '', so absent and empty differ).
 */
const DIGEST_KEY = randomBytes(32);

function digest(text: string | undefined): string {
  return text === undefined
    ? ''
    : createHmac('sha256', DIGEST_KEY).update(text).digest('hex').slice(0, 16);
}
