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

// Review 27: a {{secret}} in the address went into the key in clear, and channel.state events
// carry an unsalted hash of the key. Every string field of a config is tried here, so a field
// added in clear is caught; the ones listed below hold no text a variable could fill.
describe('channelKey and every field a {{secret}} can be substituted into', () => {
  const NOT_TEXT = new Set(['security.kind', 'proxy.source', 'compression', 'shownTarget']);
  const base = (): ChannelConfig => ({
    target: 'api.example.com:443',
    security: { kind: 'tls', ca: 'CA', cert: 'CERT', key: 'KEY', serverName: 'api.internal' },
    authority: 'authority.example',
    userAgent: 'tool/1',
    proxy: { address: 'proxy.corp:3128', source: 'connection', username: 'u', password: 'p' },
  });

  type Case = [field: string, config: ChannelConfig, value: string];

  /** For each string field of base() (nested ones as `proxy.address`): base() with `text` appended to it. */
  function withTextIn(text: string): Case[] {
    const cases: Case[] = [];
    const visit = (holder: object, prefix: string[]) => {
      for (const [name, value] of Object.entries(holder)) {
        const path = [...prefix, name];
        if (typeof value === 'object' && value !== null) visit(value as object, path);
        if (typeof value !== 'string' || NOT_TEXT.has(path.join('.'))) continue;
        const config = base();
        let at = config as unknown as Record<string, unknown>;
        for (const step of path.slice(0, -1)) at = at[step] as Record<string, unknown>;
        at[name] = `${value}-${text}`;
        cases.push([path.join('.'), config, `${value}-${text}`]);
      }
    };
    visit(base(), []);
    return cases;
  }

  const secret = `${WEAK}.secret.example`;
  const cases = withTextIn(secret);
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  it('covers the address and the other text fields', () => {
    expect(cases.map(([field]) => field)).toEqual(
      expect.arrayContaining(['target', 'security.serverName', 'proxy.address', 'proxy.username']),
    );
  });

  it.each(cases)('%s: neither in clear nor as a plain hash', (_field, config, value) => {
    const key = channelKey(config);
    for (const text of [secret, value]) {
      expect(key).not.toContain(text);
      expect(key).not.toContain(sha256(text).slice(0, 16));
    }
  });

  it.each(cases)('%s: still tells values apart', (field, config) => {
    const other = withTextIn('other').find(([name]) => name === field)![1];
    expect(channelKey(config)).toBe(channelKey(structuredClone(config)));
    expect(channelKey(config)).not.toBe(channelKey(other));
  });
});
