import { describe, it, expect } from 'vitest';
import { prettyJsonFolds } from './foldRanges.js';

const lineStart = (text: string, line: number): number =>
  text.split('\n').slice(0, line).join('\n').length + (line > 0 ? 1 : 0);

describe('prettyJsonFolds', () => {
  it('folds every multi-line object and array of JSON.stringify(v, null, 2) to its closing bracket', () => {
    const text = JSON.stringify(
      { a: { b: [1, { c: 'x{' }], e: {}, f: [] }, s: 'brace } and [ inside', n: null },
      null,
      2,
    );
    const folds = prettyJsonFolds(text);
    const lines = text.split('\n');
    // Lines that end with an opener; "{}" and "[]" on one line are not folds.
    const openers = lines.map((l, i) => (/[{[]$/.test(l) ? i : -1)).filter((i) => i >= 0);
    expect(folds.size).toBe(openers.length);
    for (const i of openers) {
      const f = folds.get(lineStart(text, i))!;
      expect(f).toBeDefined();
      expect(text[f.from - 1]).toMatch(/[{[]/);
      const closer = text[f.to];
      expect(closer).toBe(text[f.from - 1] === '{' ? '}' : ']');
      // What is folded away is itself valid JSON once the brackets are put back.
      expect(() => JSON.parse(text.slice(f.from - 1, f.to + 1))).not.toThrow();
    }
    expect(folds.get(0)).toEqual({ from: 1, to: text.length - 1 });
  });

  it('handles a 5 MB string value and scalars without folds', () => {
    const big = JSON.stringify({ name: 'x'.repeat(5 * 1024 * 1024), age: 1 }, null, 2);
    // CPU time of this process (tests run in forks), not the wall clock: on a shared machine,
    // waiting for a core is not the pass's doing. One pass over the lines costs a few ms.
    const started = process.cpuUsage();
    const folds = prettyJsonFolds(big);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(200);
    expect(folds.size).toBe(1);
    expect(prettyJsonFolds('42').size).toBe(0);
    expect(prettyJsonFolds('"a"').size).toBe(0);
  });
});
