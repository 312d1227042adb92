import { describe, expect, it } from 'vitest';
import { jsonLines, underAny } from './jsonLines.js';

describe('JSON as lines with their paths', () => {
  it('prints what JSON.stringify prints, each line naming its field', () => {
    const value = { user: { name: 'Ann', tags: ['a', { k: 1 }] }, empty: {}, n: null };
    const lines = jsonLines(value);
    expect(lines.map((l) => l.text).join('\n')).toBe(JSON.stringify(value, null, 2));
    expect(lines.map((l) => l.path)).toEqual([
      '',
      'user',
      'user.name',
      'user.tags',
      'user.tags[0]',
      'user.tags[1]',
      'user.tags[1].k',
      'user.tags[1]',
      'user.tags',
      'user',
      'empty',
      'n',
      '',
    ]);
    expect(jsonLines('x')).toEqual([{ text: '"x"', path: '' }]);
  });

  it('a differing path covers the lines under it, not its namesakes', () => {
    expect(underAny('user.tags[1].k', ['user.tags'])).toBe(true);
    expect(underAny('user.tagsMore', ['user.tags'])).toBe(false);
    expect(underAny('user', ['user.tags'])).toBe(false);
    expect(underAny('', ['(whole message)'])).toBe(true);
  });
});
