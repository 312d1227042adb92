import { describe, it, expect } from 'vitest';
import { defaultHighlightStyle } from '@codemirror/language';
import { jsonHighlight, THEMED_COLOURS } from './jsonHighlight.js';

/** The colour the style gives the tokens the default style colours `fixed`. */
function colourFor(fixed: string): string | undefined {
  const spec = defaultHighlightStyle.specs.find((s) => s.color === fixed)!;
  const cls = jsonHighlight.style([Array.isArray(spec.tag) ? spec.tag[0] : spec.tag]);
  const css = jsonHighlight.module?.getRules() ?? '';
  return cls ? new RegExp(`\\.${cls}\\s*\\{\\s*color:\\s*([^;}]+)`).exec(css)?.[1] : undefined;
}

describe('jsonHighlight', () => {
  it('colours strings, numbers and true/false/null by theme variables, never fixed colours', () => {
    expect(colourFor('#a11')).toBe('var(--json-string)');
    expect(colourFor('#164')).toBe('var(--json-number)');
    expect(colourFor('#219')).toBe('var(--json-atom)');
    const css = jsonHighlight.module?.getRules() ?? '';
    for (const fixed of Object.keys(THEMED_COLOURS)) expect(css).not.toContain(fixed);
  });
});
