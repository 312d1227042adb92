import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { channelKey } from './channel-key.js';
import type { ChannelConfig } from './channel-types.js';

// A channel key may be logged: the proxy password (and PEM material) in it must not be
// recoverable by hashing guesses offline, so its digest is keyed with a per-process secret.

const WEAK = 'hunter2';

function withPassword(password: string): ChannelConfig {
  return {
    target: 'api.example.com:443',
    security: { kind: 'plaintext' },
    proxy: { address: 'proxy.corp:3128', source: 'connection', username: 'alice', password },
  };
}

describe('channelKey and the proxy password', () => {
  it('holds neither the password nor a plain hash of it that a guess could be checked against', () => {
    const key = channelKey(withPassword(WEAK));
    expect(key).not.toContain(WEAK);
    const sha256 = createHash('sha256').update(WEAK).digest('hex');
    expect(key).not.toContain(sha256.slice(0, 16));
    expect(key).not.toContain(sha256.slice(0, 8));
  });

  it('still tells equal passwords from different ones within the process', () => {
    expect(channelKey(withPassword(WEAK))).toBe(channelKey(withPassword(WEAK)));
    expect(channelKey(withPassword(WEAK))).not.toBe(channelKey(withPassword('hunter3')));
  });
});

describe('channelKey and the authority and user agent', () => {
  // A {{secret}} may be substituted into either; channel.state events carry a hash of the key.
  const config = (authority: string, userAgent: string): ChannelConfig => ({
    target: 'api.example.com:443',
    security: { kind: 'plaintext' },
    authority,
    userAgent,
  });

  it('holds neither in clear, nor a plain hash of them', () => {
    const key = channelKey(config(`auth-${WEAK}`, `tool/1 key=${WEAK}`));
    expect(key).not.toContain(WEAK);
    for (const text of [`auth-${WEAK}`, `tool/1 key=${WEAK}`])
      expect(key).not.toContain(createHash('sha256').update(text).digest('hex').slice(0, 16));
  });

  it('still tells them apart within the process', () => {
    expect(channelKey(config('a', 'u/1'))).toBe(channelKey(config('a', 'u/1')));
    expect(channelKey(config('a', 'u/1'))).not.toBe(channelKey(config('b', 'u/1')));
    expect(channelKey(config('a', 'u/1'))).not.toBe(channelKey(config('a', 'u/2')));
  });
});
