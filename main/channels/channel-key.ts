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
  if (last && sameData(last.config, config)) return last.key;
  const key = keyOf(config);
  last = { config: copyData(config) as ChannelConfig, key };
  return key;
}

/**
 * The last config keyed and its key: a run's calls each build their config afresh, equal to the
 * one before, and digesting its free-text parts again (three HMACs) was ~2% of a run's CPU. A
 * copy is kept, so a config changed in place after it was keyed is keyed again. It holds no more
 * than the pool's entry for that channel already does.
 */
let last: { config: ChannelConfig; key: string } | undefined;

/** Plain data (a config: strings, numbers, booleans, nested objects) copied, leaves shared. */
function copyData(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) copy[name] = copyData(field);
  return copy;
}

/** Whether two configs hold the same fields with the same values (anything else: not equal). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const names = Object.keys(a);
  if (names.length !== Object.keys(b).length) return false;
  for (const name of names) {
    if (!Object.hasOwn(b, name)) return false;
    if (!sameData((a as Record<string, unknown>)[name], (b as Record<string, unknown>)[name]))
      return false;
  }
  return true;
}

function keyOf(config: ChannelConfig): string {
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
