import { describe, expect, it } from 'vitest';
import type { ResolvedProxy } from '../proxy/resolve-proxy.js';
import { channelKey } from './channel-key.js';
import type { ChannelConfig, Security } from './channel-types.js';

// Two requests share a channel when their keys are equal, so every ChannelConfig field that
// changes what the channel sends must change the key (userAgent once did not: the second request
// would have sent the first one's User-Agent). The configs below are typed Required<…>, so a field
// added to ChannelConfig, Security or ResolvedProxy does not typecheck here until it is given a
// value — and then this test checks that the key tells it apart, or it is listed as not identity.

type TlsSecurity = Extract<Security, { kind: 'tls' }>;

const TLS: Required<TlsSecurity> = {
  kind: 'tls',
  ca: 'CA PEM',
  cert: 'CERT PEM',
  key: 'KEY PEM',
  skipVerify: true,
  serverName: 'api.internal',
};

const PROXY: Required<ResolvedProxy> = {
  address: 'proxy.corp:3128',
  username: 'alice',
  password: 'secret',
  source: 'connection',
};

const FULL: Required<ChannelConfig> = {
  target: 'api.example.com:443',
  shownTarget: 'api.example.com:443',
  security: TLS,
  authority: 'authority.example',
  userAgent: 'my-agent/1.0',
  maxSendBytes: 1024,
  maxReceiveBytes: 2048,
  keepaliveMs: 30_000,
  connectTimeoutMs: 5_000,
  proxy: PROXY,
  compression: 'gzip',
};

/** Fields that are deliberately not part of a channel's identity, and why. */
const NOT_IDENTITY: Record<string, string> = {
  shownTarget: 'how the target is shown, not where the channel goes',
  connectTimeoutMs: 'how long waitReady waits, an argument of each wait, not of the channel',
  'proxy.source': 'where the proxy setting came from; the same proxy is the same channel',
};

/** Each field of the config (nested ones as `security.ca`…) with the config missing it. */
function withoutEachField(): Array<[string, ChannelConfig]> {
  const cases: Array<[string, ChannelConfig]> = [];
  for (const field of Object.keys(FULL) as Array<keyof ChannelConfig>) {
    if (field === 'target') {
      cases.push([field, { ...FULL, target: 'other.example.com:443' }]);
      continue;
    }
    const without: ChannelConfig = { ...FULL };
    delete without[field];
    cases.push([
      field,
      field === 'security' ? { ...FULL, security: { kind: 'plaintext' } } : without,
    ]);
  }
  for (const field of Object.keys(TLS) as Array<keyof TlsSecurity>) {
    if (field === 'kind') continue;
    const security: TlsSecurity = { ...TLS };
    delete security[field];
    cases.push([`security.${field}`, { ...FULL, security }]);
  }
  for (const field of Object.keys(PROXY) as Array<keyof ResolvedProxy>) {
    const proxy = { ...PROXY, [field]: field === 'source' ? 'HTTPS_PROXY' : `other ${field}` };
    cases.push([`proxy.${field}`, { ...FULL, proxy }]);
  }
  return cases;
}

describe('channelKey covers every ChannelConfig field', () => {
  const fullKey = channelKey(FULL);

  it.each(withoutEachField())(
    '%s changes the key (or is listed as not identity)',
    (field, config) => {
      if (field in NOT_IDENTITY) expect(channelKey(config)).toBe(fullKey);
      else expect(channelKey(config), `${field} is left out of the channel key`).not.toBe(fullKey);
    },
  );

  it('gives two configs differing only in userAgent different keys', () => {
    expect(channelKey({ ...FULL, userAgent: 'a/1' })).not.toBe(
      channelKey({ ...FULL, userAgent: 'b/1' }),
    );
  });
});
