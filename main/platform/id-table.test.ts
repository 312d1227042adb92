import { describe, expect, it } from 'vitest';
import { IdTable } from './id-table.js';

describe('IdTable', () => {
  it('keeps values by id like a Map, iterating in ascending id order', () => {
    const table = new IdTable<string>();
    table.set(5, 'five');
    table.set(1, 'one');
    table.set(3, 'three');
    table.set(3, 'THREE');
    expect(table.size).toBe(3);
    expect(table.get(3)).toBe('THREE');
    expect(table.has(2)).toBe(false);
    expect([...table]).toEqual([
      [1, 'one'],
      [3, 'THREE'],
      [5, 'five'],
    ]);
    expect(table.delete(1)).toBe(true);
    expect(table.delete(1)).toBe(false);
    expect(table.size).toBe(2);
    expect(table.values()).toEqual(['THREE', 'five']);
    table.clear();
    expect(table.size).toBe(0);
    expect([...table]).toEqual([]);
  });

  it('entries deleted while iterating are not visited (a loop that ends each call as it goes)', () => {
    const table = new IdTable<number>();
    for (let id = 1; id <= 5; id++) table.set(id, id * 10);
    const seen: number[] = [];
    for (const [id] of table) {
      seen.push(id);
      table.delete(id);
      table.delete(id + 1);
    }
    expect(seen).toEqual([1, 3, 5]);
    expect(table.size).toBe(0);
  });

  it('an id named like an Object.prototype member is just an id', () => {
    const table = new IdTable<string>();
    expect(table.get(0)).toBeUndefined();
    expect(table.has('constructor' as unknown as number)).toBe(false);
  });
});
