import { describe, expect, it } from 'vitest';
import { CodecError, createMessageCodec, messageTemplate } from './index.js';
import { compileRegistry, testdata } from './protoc.testkit.js';

const registry = compileRegistry(testdata('legacy.proto'));
const box = createMessageCodec(registry, 'gwb.legacy.Box');

describe('proto2 messages', () => {
  it('names the path of a missing required field', () => {
    let error: unknown;
    try {
      box.encode({ parts: [{ name: 'a' }, { count: 1 }] });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CodecError);
    expect((error as CodecError).path).toBe('parts[1].name');
    expect((error as CodecError).reason).toMatch(/required field name is missing/);
  });

  it('round-trips groups and extensions', () => {
    const json = {
      label: 'l',
      parts: [{ name: 'a', count: 0 }],
      extra: { note: 'n' },
      '[gwb.legacy.stamp]': 's',
    };
    expect(box.decode(box.encode(json))).toEqual(json);
  });

  it('templates proto2 messages', () => {
    const template = messageTemplate(registry, 'gwb.legacy.Box');
    expect(template).toEqual({ label: '', parts: [{ name: '', count: 0 }], extra: { note: '' } });
    expect(() => box.encode(template)).not.toThrow();
  });
});
