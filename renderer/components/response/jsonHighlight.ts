// JSON syntax colours that keep 4.5:1 contrast in both themes. CodeMirror's default style is
// tuned for a white page (its dark red strings all but vanish on the dark theme): the same token
// groups, coloured by theme variables (styles.css, "--json-*") instead of fixed colours.
import { HighlightStyle, defaultHighlightStyle } from '@codemirror/language';

/** The default style's colours that JSON uses, by what they colour. */
export const THEMED_COLOURS: Readonly<Record<string, string>> = {
  '#a11': 'var(--json-string)',
  '#164': 'var(--json-number)',
  '#219': 'var(--json-atom)',
  '#708': 'var(--json-atom)',
};

export const jsonHighlight = HighlightStyle.define(
  defaultHighlightStyle.specs.map((spec) => {
    const themed = spec.color === undefined ? undefined : THEMED_COLOURS[spec.color];
    return themed ? { ...spec, color: themed } : spec;
  }),
);
