import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { createSecretMask, maskedNames, restoreSecrets } from './secret-mask.js';

const SECRET = 'hunter2-s3cr3t';
const mask = createSecretMask(new Map([['token', SECRET]]))!;
const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('createSecretMask', () => {
  it('is undefined when there is nothing to mask, so calls without secrets pay nothing', () => {
    expect(createSecretMask(new Map())).toBeUndefined();
    expect(createSecretMask(new Map([['empty', '']]))).toBeUndefined();
  });

  it('masks text, keys, numbers and base64 bytes at any offset', () => {
    expect(mask.text(`Bearer ${SECRET}`)).toBe('Bearer [secret:token]');
    for (const pad of ['', 'a', 'ab'])
      expect(Buffer.from(mask.text(b64(`${pad}${SECRET}!`)), 'base64').toString()).toBe(
        `${pad}[secret:token]!`,
      );
    expect(mask.json({ [SECRET]: [1, `x${SECRET}`] })).toEqual({
      '[secret:token]': [1, 'x[secret:token]'],
    });
    const pin = createSecretMask(new Map([['pin', '4711']]))!;
    expect(pin.json({ n: 4711, m: 47110 })).toEqual({ n: '[secret:pin]', m: 47110 });
    // Unchanged values stay the same objects (no copy per streamed message).
    const plain = { a: ['b', { c: 1 }] };
    expect(mask.json(plain)).toBe(plain);
  });

  it('drops the raw bytes of a message that held a secret, and says so', () => {
    const bytes = Buffer.from(`\n\x0e${SECRET}`);
    const sent: CallEvent = {
      type: 'sent',
      seq: 1,
      t: 0,
      message: { id: SECRET },
      size: bytes.length,
      raw: bytes.toString('base64'),
    };
    expect(mask.event(sent, bytes)).toEqual({
      event: {
        type: 'sent',
        seq: 1,
        t: 0,
        message: { id: '[secret:token]' },
        size: 16,
        rawDropped: 'secret',
      },
    });
    // Held only in the bytes (an unknown field, a failed decode): dropped too.
    const hidden: CallEvent = {
      type: 'received',
      seq: 2,
      t: 0,
      message: null,
      size: 16,
      decodeError: 'bad',
    };
    expect(mask.event(hidden, bytes).event).toMatchObject({ rawDropped: 'secret' });
    expect(mask.event(hidden, bytes).raw).toBeUndefined();
    // A message without it keeps its bytes.
    const other = Buffer.from('\n\x02ok');
    const clean: CallEvent = { ...hidden, message: { id: 'ok' } };
    expect(mask.event(clean, other)).toEqual({ event: clean, raw: other });
  });

  it('masks metadata, status messages and details, and error messages', () => {
    const trailers: CallEvent = {
      type: 'trailers',
      seq: 3,
      t: 0,
      metadata: [
        { key: 'x-echo', value: SECRET },
        { key: 'x-echo-bin', value: b64(`..${SECRET}`) },
      ],
    };
    const masked = mask.event(trailers).event;
    expect(JSON.stringify(masked)).not.toContain(SECRET);
    expect(
      masked.type === 'trailers' && Buffer.from(masked.metadata[1]!.value, 'base64').toString(),
    ).toBe('..[secret:token]');
    const status: CallEvent = {
      type: 'status',
      seq: 4,
      t: 0,
      status: {
        code: 5,
        codeName: 'NOT_FOUND',
        message: `user "${SECRET}" not found`,
        details: [{ type: 'x.Y', value: { name: SECRET }, raw: b64(`\n\x0e${SECRET}`) }],
      },
    };
    const text = JSON.stringify(mask.event(status).event);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(b64(SECRET).slice(4, -4));
    const error = mask.error(Object.assign(new Error(`bad ${SECRET}`), { details: { v: SECRET } }));
    expect(error.message).toBe('bad [secret:token]');
    expect(error.details).toEqual({ v: '[secret:token]' });
  });
});

describe('restoreSecrets', () => {
  it('puts the values back where the names have one, and finds the names', () => {
    const masked = { a: 'Bearer [secret:token]', '[secret:token]': ['[secret:other]'] };
    expect(maskedNames(masked)).toEqual(['token', 'other']);
    expect(restoreSecrets(masked, new Map([['token', SECRET]]))).toEqual({
      a: `Bearer ${SECRET}`,
      [SECRET]: ['[secret:other]'],
    });
  });
});

describe('masking twice (review29 SHOULD-1)', () => {
  it('keeps the placeholders a first mask wrote, even for a secret inside "[secret:NAME]"', () => {
    const late = createSecretMask(new Map([['c', 'cr']]))!;
    expect(late.text('token [secret:tok] cr')).toBe('token [secret:tok] [secret:c]');
    const mask = createSecretMask(new Map([['letter', 'e']]))!;
    const once = mask.text('get e');
    expect(mask.text(once)).toBe(once);
  });
});
