// What a picky designer checks on any screen, measured as a person sees it: hints cut at their
// field's edge, the parts of a row off its middle line, tools that touch. Specs never touch selectors.
import type { Locator } from '@playwright/test';

/**
 * The placeholders under `scope` (itself too) that do not fit in their visible, empty field, each as
 * "name: hint". Measured by the browser itself: the hint is put in as the value for a moment and
 * the field asked whether it overflows (a search box keeps room for its clear button, which a
 * measure of the words alone would miss: "Search method, address, body, statu").
 */
export function cutHints(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const out: string[] = [];
    const fields = [root, ...root.querySelectorAll('input[placeholder]')];
    for (const el of fields.filter((f) => f.matches('input[placeholder]')) as HTMLInputElement[]) {
      if (el.clientWidth === 0 || el.placeholder === '' || el.value !== '') continue;
      el.value = el.placeholder;
      const cut = el.scrollWidth > el.clientWidth;
      el.value = '';
      if (cut) out.push(`${el.getAttribute('aria-label') ?? el.name}: ${el.placeholder}`);
    }
    return out;
  });
}

/**
 * How far the vertical middle of each of `parts` stands from the middle of `line` (the first line
 * of a row, e.g. a one-line field, or one control beside it), in whole pixels: 0 for each part
 * that sits on it.
 */
export async function offMiddle(line: Locator, parts: Locator[]): Promise<number[]> {
  const l = await line.boundingBox();
  if (!l) return parts.map(() => Infinity);
  const middle = l.y + l.height / 2;
  return Promise.all(
    parts.map(async (p) => {
      const b = await p.boundingBox();
      return b ? Math.round(Math.abs(b.y + b.height / 2 - middle)) : Infinity;
    }),
  );
}

/** How a name (a term of a list of names and values) is told from its value: its colour and the
 *  value's, and what stands after it (CSS generated content, "none" when nothing). */
export function termLooks(
  term: Locator,
): Promise<{ colour: string; valueColour: string; after: string }> {
  return term.evaluate((dt) => {
    const dd = dt.nextElementSibling ?? dt.parentElement?.querySelector('dd') ?? dt;
    const ink = (el: Element): string => getComputedStyle(el.querySelector('code') ?? el).color;
    return {
      colour: ink(dt),
      valueColour: ink(dd),
      after: getComputedStyle(dt, '::after').content,
    };
  });
}

/** How many lines `parts` (the pieces of one header) stand on: parts whose middles are within
 *  8 px of each other share a line. */
export async function linesSpanned(parts: Locator[]): Promise<number> {
  const middles: number[] = [];
  for (const p of parts) {
    const b = await p.boundingBox();
    if (b) middles.push(b.y + b.height / 2);
  }
  middles.sort((a, b) => a - b);
  return middles.filter((m, i) => i === 0 || m - middles[i - 1]! > 8).length;
}

/** Whether a person sees `target` at its middle, nothing laid over it (a drawer, a dialog). */
export function onTop(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
  });
}

/** The pieces of text under `scope` a person sees that start with `start` (a 1-pixel text kept for
 *  screen readers is not seen). */
export function seenTexts(scope: Locator, start: string): Promise<string[]> {
  return scope.evaluate((root, s) => {
    const out: string[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      const r = el.getBoundingClientRect();
      if (own.startsWith(s) && r.width > 1 && r.height > 1) out.push(own);
    }
    return out;
  }, start);
}

/** How many lines the text of `el` takes: its height over that of one line of the same element
 *  (a clone holding one letter, put beside it for the measure). */
export function textLines(el: Locator): Promise<number> {
  return el.evaluate((node) => {
    const one = node.cloneNode(false) as HTMLElement;
    one.textContent = 'x';
    // Out of the row's flow and unbreakable: one line whatever squeezes the element itself.
    one.style.position = 'absolute';
    one.style.whiteSpace = 'nowrap';
    node.parentElement?.appendChild(one);
    const line = one.getBoundingClientRect().height;
    one.remove();
    return Math.round(node.getBoundingClientRect().height / line);
  });
}

/** The controls under `scope` (buttons, fields) that run past its right or left edge, by name. */
export function controlsOutside(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const box = root.getBoundingClientRect();
    const out: string[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('button, input, select, textarea')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.right > box.right + 0.5 || r.left < box.left - 0.5)
        out.push(
          el.getAttribute('aria-label') ||
            el.textContent?.trim() ||
            (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ||
            el.tagName,
        );
    }
    return out;
  });
}

/**
 * The elements under `scope` (itself too) whose content is wider than their box without saying
 * so: cut at the edge or running past it. Text that ends in an ellipsis is not cut when the whole
 * of it is a tooltip away (a `title` on it or an ancestor) or, in a field, a focus away (the
 * value typed). A hint is never allowed to be cut: it is measured as the field's value (see
 * cutHints). Kept for screen readers only (1 px, clipped) is not seen, so not measured.
 */
export function clippedInside(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const out: string[] = [];
    const name = (el: HTMLElement): string =>
      `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
    for (const el of [root, ...root.querySelectorAll<HTMLElement>('*')] as HTMLElement[]) {
      const style = getComputedStyle(el);
      if (el.clientWidth <= 1 || style.clipPath !== 'none') continue;
      const hint = el instanceof HTMLInputElement && el.value === '' && el.placeholder !== '';
      if (hint) el.value = el.placeholder;
      const over = el.scrollWidth > el.clientWidth + 1;
      if (hint) el.value = '';
      if (!over) continue;
      // Cut text is fine where it can be read whole: an input scrolls, or the nearest title says
      // the same text (a title about something else, "Pick a method first", does not).
      const text = (el.textContent ?? '').trim();
      const title = el.closest('[title]')?.getAttribute('title') ?? '';
      const whole = el instanceof HTMLInputElement || (text !== '' && title.includes(text));
      if (!hint && style.textOverflow === 'ellipsis' && whole) continue;
      out.push(name(el));
    }
    return out;
  });
}

/**
 * A switch's contrasts, as WCAG computes them from the colours the browser resolved (both themes:
 * light-dark() is resolved to one colour by then): its knob (::after) against its track, and its
 * track's boundary (the border or the fill, whichever stands out more) against the nearest
 * ancestor's background (WCAG 1.4.11: 3:1 for what shows where the component is). A translucent
 * colour throws: measured as opaque it would say nothing true.
 */
export function switchContrasts(control: Locator): Promise<{ knob: number; track: number }> {
  return control.evaluate((el) => {
    const rgba = (css: string): number[] => {
      const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
      return [r, g, b, a];
    };
    const opaque = (css: string, what: string): number[] => {
      const [r = 0, g = 0, b = 0, a = 1] = rgba(css);
      if (a < 1) throw new Error(`${what} is translucent (${css}): composite it before measuring`);
      return [r, g, b];
    };
    const luminance = (rgb: number[]): number => {
      const [r = 0, g = 0, b = 0] = rgb.map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (x: number[], y: number[]): number => {
      const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
      return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
    };
    let around = el.parentElement;
    while (around && rgba(getComputedStyle(around).backgroundColor)[3] === 0)
      around = around.parentElement;
    const page = opaque(getComputedStyle(around ?? document.body).backgroundColor, 'the page');
    const track = opaque(getComputedStyle(el).backgroundColor, 'the track');
    const border = opaque(getComputedStyle(el).borderTopColor, 'the border');
    const knob = opaque(getComputedStyle(el, '::after').backgroundColor, 'the knob');
    return { knob: ratio(knob, track), track: Math.max(ratio(border, page), ratio(track, page)) };
  });
}

/** One line of a wrapping group: where it ends, how far apart its parts' middles stand, and the
 *  space between each part and the next, left to right (all in CSS pixels, to a tenth). */
export interface WrapLine {
  left: number;
  right: number;
  spread: number;
  gaps: number[];
}

/** Where the content box of `scope` starts on the left: inside its border and padding. */
export async function contentLeft(scope: Locator): Promise<number> {
  return scope.evaluate((el) => {
    const style = getComputedStyle(el);
    const left = el.getBoundingClientRect().left;
    return left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
  });
}

/** The lines `parts` (the controls of one wrapping group) stand on, top to bottom: a part whose
 *  middle is within half its height (or the line's first part's) of that part's is on its line. */
export async function wrapLines(parts: Locator[]): Promise<WrapLine[]> {
  const boxes = [];
  for (const p of parts) {
    const b = await p.boundingBox();
    if (!b) throw new Error(`${p} is not on screen`);
    boxes.push(b);
  }
  boxes.sort((a, b) => a.y + a.height / 2 - (b.y + b.height / 2));
  const lines: (typeof boxes)[] = [];
  for (const b of boxes) {
    const line = lines.at(-1);
    const first = line?.[0];
    const near = (a: typeof b): boolean =>
      Math.abs(a.y + a.height / 2 - (b.y + b.height / 2)) < Math.min(a.height, b.height) / 2;
    if (line && first && near(first)) line.push(b);
    else lines.push([b]);
  }
  const tenth = (n: number): number => Math.round(n * 10) / 10;
  return lines.map((line) => {
    const row = [...line].sort((a, b) => a.x - b.x);
    const middles = row.map((b) => b.y + b.height / 2);
    return {
      left: tenth(row[0]!.x),
      right: tenth(Math.max(...row.map((b) => b.x + b.width))),
      spread: tenth(Math.max(...middles) - Math.min(...middles)),
      gaps: row.slice(1).map((b, i) => tenth(b.x - (row[i]!.x + row[i]!.width))),
    };
  });
}
