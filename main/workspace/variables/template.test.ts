import { describe, expect, it } from 'vitest';
import { substituteText, variableNames } from './template.js';

const MB = 1 << 20;

/** Strings shaped to make a backtracking `{{ … }}` pattern blow up, each about 1 MB. */
const adversarial: Record<string, string> = {
  '{{ and spaces': `{{${' '.repeat(MB)}`,
  '{{ , spaces and one }': `{{${' '.repeat(MB)}}`,
  '{{ , spaces and a name, unclosed': `{{${' '.repeat(MB / 2)}x${' '.repeat(MB / 2)}`,
  'nested {{{{': '{{'.repeat(MB / 2),
  'many unclosed {{ name': '{{ name '.repeat(MB / 8),
  'closing braces only': '}}'.repeat(MB / 2),
  'alternating {{ }': '{{ }'.repeat(MB / 4),
  'tabs and newlines': `{{${'\t\n \r'.repeat(MB / 4)}`,
};

/** The pattern the scanner replaced, as the reference for what a placeholder is (small inputs only). */
const OLD = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^\$?[A-Za-z_][A-Za-z0-9_.-]*$/;
function oldSubstitute(text: string, lookup: (n: string) => string | undefined): string {
  return text.replace(OLD, (whole, raw: string) =>
    NAME.test(raw) ? (lookup(raw) ?? whole) : whole,
  );
}

describe('template scanner', () => {
  for (const [name, text] of Object.entries(adversarial)) {
    it(`scans 1 MB of "${name}" in linear time`, () => {
      // CPU time of this process (tests run in forks), warmed up, best of five: the machine is
      // shared, and waiting for a core is not the scanner's doing.
      substituteText(text.slice(0, 1000), () => 'v');
      let best = Infinity;
      for (let run = 0; run < 5; run++) {
        const started = process.cpuUsage();
        substituteText(text, () => 'v');
        variableNames(text);
        const used = process.cpuUsage(started);
        best = Math.min(best, (used.user + used.system) / 1000);
      }
      // A generous bound: the old pattern took 11 s on `{{` and 4,000 spaces.
      expect(best).toBeLessThan(50);
    });
  }

  it('finds what the old pattern found, on random brace soup', () => {
    const alphabet = ['{', '}', ' ', 'a', 'b', '$', '.', '\n', '{{', '}}', '{{a}}', '{{ b }}'];
    const lookup = (n: string): string | undefined => (n === 'b' ? undefined : `<${n}>`);
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 3000; round++) {
      const parts: string[] = [];
      const length = Math.floor(random() * 14);
      for (let i = 0; i < length; i++)
        parts.push(alphabet[Math.floor(random() * alphabet.length)]!);
      const text = parts.join('');
      expect(substituteText(text, lookup).text, JSON.stringify(text)).toBe(
        oldSubstitute(text, lookup),
      );
      const oldNames = [...text.matchAll(OLD)].map((m) => m[1]!).filter((n) => NAME.test(n));
      expect(variableNames(text), JSON.stringify(text)).toEqual(oldNames);
    }
  });

  it('keeps the edge cases of the pattern it replaced', () => {
    const lookup = (n: string): string | undefined => (n === 'x' ? 'X' : undefined);
    expect(substituteText('{{{x}}', lookup).text).toBe('{X');
    expect(substituteText('{{x}}}', lookup).text).toBe('X}');
    expect(substituteText('{{ x {{x}}', lookup).text).toBe('{{ x X');
    expect(substituteText('{{x} }}', lookup).text).toBe('{{x} }}');
    expect(substituteText('a{{ x }}b{{y}}c', lookup)).toEqual({
      text: 'aXb{{y}}c',
      unknown: ['y'],
    });
    expect(substituteText('{{\n\tx\n}}', lookup).text).toBe('X');
  });
});
