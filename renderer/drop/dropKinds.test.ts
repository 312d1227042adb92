import { describe, expect, it } from 'vitest';
import {
  MAX_DROPPED_FILES,
  MAX_DROPPED_TOTAL_CHARS,
} from '../../shared/contract/schema-contents-limits.js';
import { dropKindOf, dropTooBig, namesOf, toBase64 } from './dropKinds.js';

describe('what a dropped file is', () => {
  it('goes by the file pickers’ extensions, in any case', () => {
    expect(dropKindOf('api/Greet.PROTO')).toBe('proto');
    expect(dropKindOf('set.protoset')).toBe('descriptorSet');
    expect(dropKindOf('image.bin')).toBe('descriptorSet');
    expect(dropKindOf('notes.txt')).toBeNull();
    expect(dropKindOf('proto')).toBeNull();
  });
});

describe('a drop too big is said before anything is read', () => {
  const entry = (path: string, size: number) => ({ entry: { path, size }, kind: 'proto' as const });
  it('too many files', () => {
    const many = Array.from({ length: MAX_DROPPED_FILES + 1 }, (_, i) => entry(`${i}.proto`, 1));
    expect(dropTooBig(many)).toMatch(/^2001 files is more than the 2000 one drop may hold/);
    expect(dropTooBig(many.slice(1))).toBeNull();
  });
  it('too many bytes in all, base64 counted as it will be sent', () => {
    const third = MAX_DROPPED_TOTAL_CHARS / 4 + 3;
    const sets = [1, 2, 3].map((i) => ({
      entry: { path: `${i}.pb`, size: third },
      kind: 'descriptorSet' as const,
    }));
    // 3/4 of the bound in bytes is the whole bound and more in base64.
    expect(dropTooBig(sets)).toMatch(/MiB one drop may hold/);
    expect(dropTooBig(sets.slice(0, 2))).toBeNull();
  });
});

describe('base64 of a descriptor set', () => {
  it('matches Node’s, across chunk boundaries', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});

describe('names in a sentence', () => {
  it('one, two, several', () => {
    expect(namesOf(['a.proto'])).toBe('a.proto');
    expect(namesOf(['a.proto', 'b.proto'])).toBe('a.proto and b.proto');
    expect(namesOf(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
  });
});
