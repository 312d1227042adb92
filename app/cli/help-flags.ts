// The flag part of `gwb --help`, written from the flag table.
import { GRPCURL_FLAGS } from '../../shared/grpcurl/flag-table.js';
import type { AnyFlagDef, FlagGroup } from '../../shared/grpcurl/flag-types.js';

/** Where each group of the flag table is listed, in order. */
const SECTIONS: [string, FlagGroup[]][] = [
  ['Connection', ['connection']],
  ['Schema', ['schema']],
  ['Metadata', ['metadata']],
  ['Request and response', ['request', 'output']],
];

const LABEL_WIDTH = 22;
const INDENT = ' '.repeat(2 + LABEL_WIDTH + 1);

/** One flag as the help lists it: `-name VALUE`, then its help text (more lines indented). */
export function flagLines(name: string, def: AnyFlagDef): string {
  const label = def.usage ?? `-${name}${def.valueName ? ` ${def.valueName}` : ''}`;
  const [first = '', ...rest] = def.help.split('\n');
  return [`  ${label.padEnd(LABEL_WIDTH)} ${first}`, ...rest.map((l) => `${INDENT}${l}`)].join(
    '\n',
  );
}

/** The flags of gwb --help, from the table (grpcurl flags gwb does not do are left out). */
export const flagSections = (): string =>
  SECTIONS.map(([title, groups]) => {
    const lines = Object.entries(GRPCURL_FLAGS)
      .filter(([, def]) => groups.includes(def.group) && def.role !== 'unsupported')
      .map(([name, def]) => flagLines(name, def as AnyFlagDef));
    return `${title}:\n${lines.join('\n')}\n`;
  }).join('\n');
