import { describe, expect, it } from 'vitest';
import { pathFilter } from './run-plan.js';

describe('pathFilter', () => {
  const paths = ['demo/get user', 'demo/users/get', 'demo/users/list', 'other/get.user'];
  const pick = (pattern: string) => paths.filter(pathFilter(pattern));

  it('is a case-insensitive substring without glob characters', () => {
    expect(pick('USER')).toEqual(paths);
    expect(pick('get.user')).toEqual(['other/get.user']);
  });

  it('is a glob over the whole path with * ? and **', () => {
    expect(pick('demo/*')).toEqual(['demo/get user']);
    expect(pick('demo/**')).toEqual(['demo/get user', 'demo/users/get', 'demo/users/list']);
    expect(pick('**/get')).toEqual(['demo/users/get']);
    expect(pick('demo/**/get*')).toEqual(['demo/get user', 'demo/users/get']);
    expect(pick('other/get?user')).toEqual(['other/get.user']);
    expect(pick('*/get*')).toEqual(['demo/get user', 'other/get.user']);
  });
});
