import { describe, expect, it } from 'vitest';
import { messageSizeText } from './messageSize.js';

describe('a message size as shown', () => {
  it('is the decoded size alone when the message was not compressed', () => {
    expect(messageSizeText({ size: 300 })).toBe('300 B');
  });

  it('adds the wire size and encoding when it was', () => {
    expect(messageSizeText({ size: 53_248, wireSize: 412, encoding: 'gzip' })).toBe(
      '52.0 KiB · 412 B gzip on the wire',
    );
  });
});
