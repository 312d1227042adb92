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
