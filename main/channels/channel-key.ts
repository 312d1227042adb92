import type { ChannelConfig } from './channel-types.js';
import { keptPemDigest } from './pem-cache.js';
import { secretDigest as digest } from './secret-digest.js';

/**
 * A stable key: equal configs give equal keys whatever the property order. Every part that is
 * free text — and so may hold a substituted `{{secret}}`: the target, the server name, the
 * authority, the user agent, the proxy's address, user and password — and the PEM material are
 * digested with a per-process key, so keys can be logged (and hashed into channel.state events)
 * without leaking them or anything a guess could be checked against. What stays in clear are
 * flags, numbers and names from a fixed list. The PEM texts' digests are kept beside the texts
 * (pem-cache.ts): a call looks its channel up three times, and a 200 KiB CA bundle took ~130 µs
 * to digest at each.
 */
export function channelKey(config: ChannelConfig): string {
  const { security } = config;
  const parts: string[] = [`target=${digest(config.target)}`];
  if (security.kind === 'plaintext') {
    parts.push('plaintext');
  } else {
    parts.push(
      'tls',
      `ca=${keptPemDigest(security.ca)}`,
      `cert=${keptPemDigest(security.cert)}`,
      `key=${keptPemDigest(security.key)}`,
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
