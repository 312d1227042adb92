import { describe, it, expect } from 'vitest';
import { firstRowInView, keyAction, scrollTopShowing } from './keyboard.js';
import { maxScrollTop, visibleRows, virtualTop, type Geometry } from './scrollMath.js';

const g = (total: number): Geometry => ({ total, rowHeight: 24, viewport: 240 });

describe('the timeline by keyboard', () => {
  it('moves the active row by arrows, pages, Home and End, within the list', () => {
    expect(keyAction('ArrowDown', 5, 0, 100, 9)).toEqual({ move: 6 });
    expect(keyAction('ArrowUp', 0, 0, 100, 9)).toEqual({ move: 0 });
    expect(keyAction('PageDown', 95, 0, 100, 9)).toEqual({ move: 99 });
    expect(keyAction('PageUp', 5, 0, 100, 9)).toEqual({ move: 0 });
    expect(keyAction('Home', 50, 40, 100, 9)).toEqual({ move: 0 });
    expect(keyAction('End', 50, 40, 100, 9)).toEqual({ move: 99 });
    expect(keyAction('Enter', 50, 40, 100, 9)).toEqual({ open: true });
    expect(keyAction('x', 50, 40, 100, 9)).toBeNull();
    expect(keyAction('ArrowDown', -1, 0, 0, 9)).toBeNull();
  });

  it('starts from the first row in view when no row is active yet', () => {
    expect(keyAction('ArrowDown', -1, 40, 100, 9)).toEqual({ move: 40 });
    expect(keyAction('Enter', -1, 40, 100, 9)).toEqual({ move: 40 });
  });

  it('scrolls just enough to show the active row, in a list past the browser height limit too', () => {
    for (const total of [100, 10_000, 2_000_000]) {
      const geo = g(total);
      const rows = [0, 1, 9, 10, 11, Math.floor(total / 2), total - 2, total - 1];
      let top = 0;
      for (const row of rows) {
        top = scrollTopShowing(row, top, geo);
        expect(top).toBeGreaterThanOrEqual(0);
        expect(top).toBeLessThanOrEqual(maxScrollTop(geo) + 1e-6);
        const vt = virtualTop(top, geo);
        expect(row * 24).toBeGreaterThanOrEqual(vt - 1e-6);
        expect(row * 24 + 24).toBeLessThanOrEqual(vt + 240 + 1e-6);
        const win = visibleRows(top, geo);
        expect(row).toBeGreaterThanOrEqual(win.first);
        expect(row).toBeLessThan(win.end);
      }
      // In view already: nothing moves.
      expect(scrollTopShowing(total - 3, top, geo)).toBe(top);
    }
    expect(firstRowInView(0, g(100))).toBe(0);
    expect(firstRowInView(25, g(100))).toBe(2);
  });
});
