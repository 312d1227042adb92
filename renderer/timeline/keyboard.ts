// Moving through the timeline by keyboard: which row a key makes active, and where to scroll so
// that row is in view. Pure index math over the virtual list (scrollMath), so it holds for a
// million rows as for ten.
import { scrollTopForRow, virtualTop, type Geometry } from './scrollMath.js';

/** What a key does in the list: make another row active, open the active row, or nothing. */
export type ListKeyAction = { move: number } | { open: true } | null;

/**
 * `active`: the active row (-1: none yet, the first row in view is taken); `firstInView`: the first
 * row wholly in view; `pageRows`: how many rows a page moves.
 */
export function keyAction(
  key: string,
  active: number,
  firstInView: number,
  total: number,
  pageRows: number,
): ListKeyAction {
  if (total === 0) return null;
  const from = active < 0 ? firstInView : active;
  const to = (n: number): ListKeyAction => ({ move: Math.min(total - 1, Math.max(0, n)) });
  switch (key) {
    case 'ArrowDown':
      return to(active < 0 ? from : from + 1);
    case 'ArrowUp':
      return to(active < 0 ? from : from - 1);
    case 'Home':
      return to(0);
    case 'End':
      return to(total - 1);
    case 'PageDown':
      return to(from + pageRows);
    case 'PageUp':
      return to(from - pageRows);
    case 'Enter':
    case ' ':
      return active < 0 ? to(from) : { open: true };
    default:
      return null;
  }
}

/** The first row wholly in view at `scrollTop`. */
export function firstRowInView(scrollTop: number, g: Geometry): number {
  if (g.total === 0) return 0;
  return Math.max(
    0,
    Math.min(g.total - 1, Math.ceil(virtualTop(scrollTop, g) / g.rowHeight - 1e-6)),
  );
}

/**
 * The scrollTop that shows `row` whole, moving as little as possible: unchanged when it is in view
 * already, else the row at the top (moving up) or at the bottom (moving down).
 */
export function scrollTopShowing(row: number, scrollTop: number, g: Geometry): number {
  const top = virtualTop(scrollTop, g);
  const rowTop = row * g.rowHeight;
  if (rowTop < top) return scrollTopForRow(row, g);
  if (rowTop + g.rowHeight > top + g.viewport)
    return scrollTopForRow(row + 1 - g.viewport / g.rowHeight, g);
  return scrollTop;
}
