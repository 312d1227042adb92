// How labels, fields and buttons sit next to each other, measured as a person sees them: the
// distance between a label's words and its field, between two controls. Specs never touch selectors.
import type { Locator } from '@playwright/test';

/**
 * The labels under `scope` whose words come closer than `min` px to their own field on the same
 * line (a label stacked above its field is fine). Each is named by its words.
 */
export function labelsTouchingFields(scope: Locator, min = 5): Promise<string[]> {
  return scope.evaluate((root, least) => {
    const FIELD = 'input:not([type=checkbox], [type=radio], [type=file]), select, textarea';
    const out: string[] = [];
    for (const label of root.querySelectorAll('label')) {
      const field = label.querySelector<HTMLElement>(FIELD);
      if (!field || field.getBoundingClientRect().width === 0) continue;
      const f = field.getBoundingClientRect();
      const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent?.trim() || field.contains(n)) continue;
        const holder = n.parentElement;
        if (holder && getComputedStyle(holder).position === 'absolute') continue; // visually hidden
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const t of range.getClientRects()) {
          if (t.width === 0 || t.bottom <= f.top || t.top >= f.bottom) continue; // another line
          const gap = t.right <= f.left ? f.left - t.right : t.left - f.right;
          if (gap < least) out.push(n.textContent.trim());
        }
      }
    }
    return out;
  }, min);
}

/** The space between two controls: across when they share a line, else down. Negative: overlap. */
export async function gapBetween(a: Locator, b: Locator): Promise<number> {
  const [p, q] = await Promise.all([a.boundingBox(), b.boundingBox()]);
  if (!p || !q) return -1;
  const sameLine = p.y < q.y + q.height && q.y < p.y + p.height;
  if (sameLine) return p.x < q.x ? q.x - (p.x + p.width) : p.x - (q.x + q.width);
  return p.y < q.y ? q.y - (p.y + p.height) : p.y - (q.y + q.height);
}

/** Whether `field` fills the column under `heading`: same left edge, nearly its width. */
export async function fillsColumn(field: Locator, heading: Locator): Promise<boolean> {
  const [f, h] = await Promise.all([field.boundingBox(), heading.boundingBox()]);
  if (!f || !h) return false;
  return Math.abs(f.x - h.x) <= 6 && f.width >= h.width - 12;
}

/**
 * Of each row, where its last `n` parts start and end (in CSS pixels, rounded): rows whose figures
 * stand in columns give the same list for every row.
 */
export function columnEdges(rows: Locator, n: number): Promise<number[][]> {
  return rows.evaluateAll(
    (els, count) =>
      els.map((row) =>
        [...row.children].slice(-count).flatMap((c) => {
          const r = c.getBoundingClientRect();
          return [Math.round(r.left), Math.round(r.right)];
        }),
      ),
    n,
  );
}

/** Of `elements` (tabs, headings, a line of figures), the words of those broken over two lines. */
export function brokenOverLines(elements: Locator): Promise<string[]> {
  return elements.evaluateAll((els) =>
    els
      .filter((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        return tops.size > 1;
      })
      .map((el) => el.textContent?.trim() ?? ''),
  );
}

/**
 * The checkboxes and radios under `scope` whose box stands more than `max` px above or below the
 * middle of their words' first line, each named by its words.
 */
export function boxesOffTheirWords(scope: Locator, max = 1): Promise<string[]> {
  return scope.evaluate((root, most) => {
    const out: string[] = [];
    for (const label of root.querySelectorAll('label')) {
      const box = [...label.children].find(
        (c): c is HTMLInputElement =>
          c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio'),
      );
      if (!box || box.getBoundingClientRect().width === 0) continue;
      const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const line = range.getClientRects()[0];
        const b = box.getBoundingClientRect();
        if (line && Math.abs(line.top + line.height / 2 - (b.top + b.height / 2)) > most)
          out.push(label.textContent?.trim() ?? '');
        break;
      }
    }
    return out;
  }, max);
}

/** How many characters of a timeline row's data fit in the room its row gives the data. */
export function dataRoomInCharacters(row: Locator): Promise<number> {
  return row.evaluate((el) => {
    const data = el.lastElementChild as HTMLElement;
    const style = getComputedStyle(data);
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) return 0;
    ctx.font = `${style.fontSize} ${style.fontFamily}`;
    // From where the data starts to the row's end: a short value ("OK") has the same room.
    const end = el.getBoundingClientRect().right - parseFloat(getComputedStyle(el).paddingRight);
    return Math.floor((end - data.getBoundingClientRect().left) / ctx.measureText('0').width);
  });
}

/** Whether any two of `rows` cover each other (more than a 1 px border). */
export async function rowsOverlap(rows: Locator): Promise<boolean> {
  const boxes = await rows.evaluateAll((els) =>
    els
      .map((e) => e.getBoundingClientRect())
      .filter((b) => b.height > 0)
      .map((b) => ({ top: b.top, bottom: b.bottom }))
      .sort((a, b) => a.top - b.top),
  );
  return boxes.some((b, i) => i > 0 && (boxes[i - 1]?.bottom ?? 0) - b.top > 1);
}

/** Whether `control` is shown whole: not cut by the edge of any box that scrolls or clips it. */
export function shownWhole(control: Locator): Promise<boolean> {
  return control.evaluate((el) => {
    const r = el.getBoundingClientRect();
    for (let box = el.parentElement; box; box = box.parentElement) {
      if (getComputedStyle(box).overflow === 'visible') continue;
      const b = box.getBoundingClientRect();
      if (r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5) return false;
      if (r.left < b.left - 0.5 || r.right > b.right + 0.5) return false;
    }
    return r.bottom <= window.innerHeight && r.right <= window.innerWidth;
  });
}
