/* eslint-disable no-restricted-imports -- a test that reads the renderer's stylesheet from disk */
// The palette in styles.css keeps its promise: every text colour reads at WCAG AA (4.5:1) on every
// surface it can stand on — the page (--bg), the panels (--bg2, --bg3) and a selected row (--sel)
// — in both themes. axe sees only the states a test happens to open (a selected "started" row at
// 900 px showed --meta at 3.6:1); this checks each pair once, from the one place they are set.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');

/** `--name: light-dark(#light, #dark)` and `--name: #both` of the first :root block. */
function rootColours(): Map<string, [string, string]> {
  const start = css.indexOf(':root {');
  const block = css.slice(start, css.indexOf('\n}', start));
  const colours = new Map<string, [string, string]>();
  const hex = '#[0-9a-f]{6}|#[0-9a-f]{3}';
  const pair = new RegExp(`--([\\w-]+):\\s*light-dark\\((${hex}),\\s*(${hex})\\)`, 'gi');
  const single = new RegExp(`--([\\w-]+):\\s*(${hex});`, 'gi');
  for (const m of block.matchAll(pair)) colours.set(m[1]!, [long(m[2]!), long(m[3]!)]);
  for (const m of block.matchAll(single)) colours.set(m[1]!, [long(m[2]!), long(m[2]!)]);
  return colours;
}

/** #fff as #ffffff. */
function long(hex: string): string {
  return hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
}

function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT = ['fg', 'fg2', 'meta', 'ok', 'err', 'warn', 'sent', 'recv', 'accent'];
const SURFACES = ['bg', 'bg2', 'bg3', 'sel'];

describe('the palette (renderer/styles.css :root)', () => {
  const colours = rootColours();
  const get = (name: string): [string, string] => {
    const pair = colours.get(name);
    if (!pair) throw new Error(`--${name} is not a colour in styles.css :root`);
    return pair;
  };

  it('reads every text colour and surface', () => {
    for (const name of [...TEXT, ...SURFACES, 'accent-fill', 'accent-fg', 'warn-bg']) get(name);
  });

  for (const [theme, i] of [
    ['light', 0],
    ['dark', 1],
  ] as const)
    it(`keeps every text colour at 4.5:1 or more on every surface (${theme})`, () => {
      const below = TEXT.flatMap((text) =>
        SURFACES.map((surface) => ({
          pair: `--${text} on --${surface}`,
          ratio: Math.round(contrast(get(text)[i], get(surface)[i]) * 100) / 100,
        })),
      ).filter((p) => p.ratio < 4.5);
      expect(below).toEqual([]);
      expect(contrast(get('accent-fg')[i], get('accent-fill')[i])).toBeGreaterThanOrEqual(4.5);
      expect(contrast(get('warn')[i], get('warn-bg')[i])).toBeGreaterThanOrEqual(4.5);
    });

  // Secondary text (--fg2: labels, hints) is told from the primary (--fg) and from a timeline's
  // meta rows (--meta): the dark theme had --fg2 and --meta one grey (1.00:1).
  for (const [theme, i] of [
    ['light', 0],
    ['dark', 1],
  ] as const)
    it(`keeps --fg, --fg2 and --meta distinct steps, 1.25:1 or more apart (${theme})`, () => {
      const step = (a: string, b: string): number =>
        Math.round(contrast(get(a)[i], get(b)[i]) * 100) / 100;
      expect(step('fg', 'fg2')).toBeGreaterThanOrEqual(1.25);
      expect(step('fg2', 'meta')).toBeGreaterThanOrEqual(1.25);
    });
});
