import type { JsonValue } from '../../../shared/calls/events.js';
import type { DiffSummary, StreamCounts } from './recording-diff.js';
import type { FieldDifference } from './json-diff.js';

const MAX_VALUE_CHARS = 80;

function show(value: JsonValue | undefined): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

function fieldLine(d: FieldDifference): string {
  return `      ${d.path}: ${show(d.a)} → ${show(d.b)}`;
}

function countsLine(name: string, c: StreamCounts): string {
  return `  ${name}: ${c.matching} matching, ${c.differing} differing, ${c.missing} missing, ${c.extra} extra`;
}

/** The text `gwb replay` prints: counts first, then where things differ. */
export function formatDiffSummary(s: DiffSummary): string {
  const lines: string[] = [];
  lines.push(`${s.identical ? 'IDENTICAL' : 'DIFFERENT'}: ${s.method}`);
  lines.push(`  recorded: ${s.a}`);
  lines.push(`  replayed: ${s.b}`);
  lines.push(countsLine('client messages', s.client));
  lines.push(countsLine('server messages', s.server));
  const statusText = (st: DiffSummary['statusA']): string =>
    st ? `${st.codeName}${st.message ? ` "${st.message}"` : ''}` : '(none)';
  lines.push(
    `  status: ${s.status.length === 0 ? `same (${statusText(s.statusA)})` : `${statusText(s.statusA)} → ${statusText(s.statusB)}`}`,
  );
  lines.push(`  headers: ${s.headers.length === 0 ? 'same' : `${s.headers.length} differing`}`);
  lines.push(`  trailers: ${s.trailers.length === 0 ? 'same' : `${s.trailers.length} differing`}`);
  for (const m of s.messages) {
    const where = `${m.side} message ${m.index}`;
    if (m.kind === 'missing')
      lines.push(`  ${where}: missing from the replay (recorded line ${m.lineA})`);
    else if (m.kind === 'extra') lines.push(`  ${where}: extra in the replay (line ${m.lineB})`);
    else {
      lines.push(`  ${where} differs (lines ${m.lineA} / ${m.lineB}):`);
      for (const f of m.fields) lines.push(fieldLine(f));
    }
  }
  for (const f of [...s.status, ...s.headers, ...s.trailers])
    lines.push(fieldLine(f).replace(/^ {6}/, '  '));
  return `${lines.join('\n')}\n`;
}
