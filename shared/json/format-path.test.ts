import { describe, expect, it } from 'vitest';
import { formatPath } from './format-path.js';

describe('formatPath', () => {
  it('shows indexes in brackets and keys after dots', () => {
    expect(formatPath(['user', 'tags', 2, 'name'])).toBe('user.tags[2].name');
    expect(formatPath([0, 'id'])).toBe('[0].id');
  });
  it('names the empty path as asked', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath([], '(input)')).toBe('(input)');
  });
});
