import { describe, expect, it } from 'vitest';
import { ignoreMatcher, splitPath } from './ignore-paths.js';
import { diffJson } from './json-diff.js';

const none = ignoreMatcher([]);

describe('structural JSON diff', () => {
  it('reports the paths of differing leaves, absent fields and type changes', () => {
    const a = {
      id: '1',
      items: [
        { id: 'x', n: 1 },
        { id: 'y', n: 2 },
      ],
      meta: { at: '10' },
      gone: true,
    };
    const b = {
      id: '1',
      items: [
        { id: 'x', n: 1 },
        { id: 'z', n: 3 },
        { id: 'w', n: 4 },
      ],
      meta: { at: 10 },
      added: null,
    };
    expect(diffJson(a, b, none)).toEqual([
      { path: 'items[1].id', a: 'y', b: 'z' },
      { path: 'items[1].n', a: 2, b: 3 },
      { path: 'items[2]', b: { id: 'w', n: 4 } },
      { path: 'meta.at', a: '10', b: 10 },
      { path: 'gone', a: true },
      { path: 'added', b: null },
    ]);
  });

  it('equal values, whole-message differences and the limit', () => {
    expect(diffJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, none)).toEqual([]);
    expect(diffJson(null, { a: 1 }, none)).toEqual([
      { path: '(whole message)', a: null, b: { a: 1 } },
    ]);
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, i]));
    expect(diffJson(many, {}, none, [], 5)).toHaveLength(5);
  });

  it('ignores marked paths: exact, [*] / * wildcards, ** and whole subtrees', () => {
    const a = {
      at: '1',
      items: [
        { id: 'a', v: 1 },
        { id: 'b', v: 2 },
      ],
      nested: { deep: { at: '1' } },
      fields: { pid: '1' },
    };
    const b = {
      at: '2',
      items: [
        { id: 'c', v: 1 },
        { id: 'd', v: 2 },
      ],
      nested: { deep: { at: '2' } },
      fields: { pid: '2' },
    };
    expect(diffJson(a, b, ignoreMatcher(['at', 'items[*].id', 'nested.**.at', 'fields']))).toEqual(
      [],
    );
    expect(diffJson(a, b, ignoreMatcher(['items.*.id'])).map((d) => d.path)).toEqual([
      'at',
      'nested.deep.at',
      'fields.pid',
    ]);
    expect(diffJson(a, b, ignoreMatcher(['**.at', 'items', 'fields.pid']))).toEqual([]);
    // A top-level pattern does not reach into nested fields of the same name.
    expect(diffJson(a, b, ignoreMatcher(['at', 'items', 'fields'])).map((d) => d.path)).toEqual([
      'nested.deep.at',
    ]);
  });

  it('splits paths the way they are reported', () => {
    expect(splitPath('items[2].tags[*]')).toEqual(['items', '2', 'tags', '*']);
    expect(splitPath('headers.x-request-id')).toEqual(['headers', 'x-request-id']);
  });
});
