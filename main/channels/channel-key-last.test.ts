// channelKey keeps the last config it keyed: a run's calls each build an equal config afresh.
// Whatever differs from that config (a nested field, or a field changed in place after it was
// keyed) must be keyed again, never given the kept key.
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { channelKey } from './channel-key.js';
import type { ChannelConfig } from './channel-types.js';

function config(): ChannelConfig {
  return {
    target: 'api.internal:443',
    security: { kind: 'tls', ca: 'CA PEM', serverName: 'api.internal' },
    authority: 'api.internal',
    userAgent: 'bench/1',
    proxy: { address: 'proxy:3128', username: 'u', password: 'p', source: 'connection' },
  };
}

/** How many HMACs are made while `work` runs. */
function hmacsDuring(work: () => void): number {
  let made = 0;
  const createHmac = crypto.createHmac.bind(crypto);
  const spy = vi.spyOn(crypto, 'createHmac').mockImplementation((...args) => {
    made++;
    return createHmac(...args);
  });
  syncBuiltinESMExports();
  try {
    work();
    return made;
  } finally {
    spy.mockRestore();
    syncBuiltinESMExports();
  }
}

describe('the channel key of the config keyed last', () => {
  it('is not digested again for an equal config built afresh', () => {
    const first = channelKey(config());
    let again = '';
    expect(hmacsDuring(() => (again = channelKey(config())))).toBe(0);
    expect(again).toBe(first);
  });

  it('is not given for a config that differs in a nested field', () => {
    const first = channelKey(config());
    const variants: ((c: ChannelConfig) => void)[] = [
      (c) => (c.userAgent = 'bench/2'),
      (c) => (c.security = { kind: 'tls', ca: 'CA PEM', serverName: 'other.internal' }),
      (c) => (c.proxy = { ...c.proxy!, password: 'q' }),
      (c) => delete c.authority,
    ];
    for (const change of variants) {
      const changed = config();
      change(changed);
      const key = channelKey(changed);
      expect(key).not.toBe(first);
      // The same key as when nothing was kept before it.
      channelKey({ target: 'elsewhere:1', security: { kind: 'plaintext' } });
      const fresh = config();
      change(fresh);
      expect(channelKey(fresh)).toBe(key);
    }
  });

  it('is not given for the same config object changed in place after it was keyed', () => {
    const kept = config();
    const first = channelKey(kept);
    kept.userAgent = 'bench/2';
    if (kept.security.kind === 'tls') kept.security.serverName = 'other.internal';
    const changed = channelKey(kept);
    expect(changed).not.toBe(first);
    channelKey({ target: 'elsewhere:1', security: { kind: 'plaintext' } });
    const fresh = config();
    fresh.userAgent = 'bench/2';
    if (fresh.security.kind === 'tls') fresh.security.serverName = 'other.internal';
    expect(channelKey(fresh)).toBe(changed);
  });
});
