// Pass/fail limits of a load run for CI (`--threshold 'p99 < 50ms'`), parsed strictly: a mistake
// is an error naming the position (1-based column) in the threshold's text.
import { WorkbenchError } from '../../shared/contract/errors.js';
import type { LoadReport } from './report-types.js';

export type ThresholdMetric =
  'p50' | 'p90' | 'p95' | 'p99' | 'p99.9' | 'max' | 'mean' | 'errors' | 'rps';
export type ThresholdOp = '<' | '<=' | '>' | '>=';

export interface Threshold {
  text: string;
  metric: ThresholdMetric;
  op: ThresholdOp;
  /** Milliseconds for latencies, calls per second for rps, a count or (percent) a share for errors. */
  value: number;
  percent: boolean;
}

export interface ThresholdResult {
  threshold: string;
  passed: boolean;
  /** The measured value, in the threshold's unit (ms, /s, % or a count). */
  actual: number;
}

export class ThresholdError extends WorkbenchError {
  constructor(text: string, column: number, what: string) {
    super('invalid_input', `--threshold '${text}': at position ${column}: ${what}`, {
      text,
      column,
    });
  }
}

const LATENCIES = ['p50', 'p90', 'p95', 'p99', 'p99.9', 'max', 'mean'];
const METRICS = [...LATENCIES, 'errors', 'rps'];
const UNIT_MS: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000 };

/** Where a threshold with more than three parts goes wrong: the start of its fourth word. */
function extraTextAt(text: string): number {
  const words = [...text.matchAll(/\S+/g)];
  const fourth = words[3] ?? words[words.length - 1];
  return (fourth?.index ?? 0) + 1;
}

/** `METRIC OP NUMBER[UNIT]`: latencies need ms, s or us; errors a count or N%; rps a number. */
export function parseThreshold(text: string): Threshold {
  const re = /^(\s*)([A-Za-z0-9.]+)(\s*)(<=|>=|<|>|=?)(\s*)([^\s]*)(\s*)$/;
  const m = re.exec(text);
  if (!m)
    throw new ThresholdError(text, extraTextAt(text), 'expected METRIC < VALUE, e.g. p99 < 50ms');
  const [, lead = '', metric = '', gap1 = '', op = '', gap2 = '', rest = ''] = m;
  let col = lead.length + 1;
  if (!METRICS.includes(metric))
    throw new ThresholdError(text, col, `unknown metric "${metric}" (${METRICS.join(', ')})`);
  col += metric.length + gap1.length;
  if (op === '' || op === '=')
    throw new ThresholdError(text, col, `expected <, <=, > or >= after ${metric}`);
  col += op.length + gap2.length;
  if (rest === '') throw new ThresholdError(text, col, 'expected a value');
  const num = /^(\d+(?:\.\d+)?)(.*)$/.exec(rest);
  if (!num) throw new ThresholdError(text, col, `"${rest}" is not a number`);
  const [, digits = '', unit = ''] = num;
  const unitCol = col + digits.length;
  const value = Number(digits);
  const base = { text, metric: metric as ThresholdMetric, op: op as ThresholdOp };
  if (LATENCIES.includes(metric)) {
    const scale = UNIT_MS[unit];
    if (scale === undefined)
      throw new ThresholdError(
        text,
        unitCol,
        unit === ''
          ? `${metric} needs a unit (ms, s or us)`
          : `unknown unit "${unit}" (ms, s or us)`,
      );
    return { ...base, value: value * scale, percent: false };
  }
  if (metric === 'errors') {
    if (unit !== '' && unit !== '%')
      throw new ThresholdError(
        text,
        unitCol,
        `errors takes a count or a percentage, not "${unit}"`,
      );
    return { ...base, value, percent: unit === '%' };
  }
  if (unit !== '' && unit !== '/s')
    throw new ThresholdError(text, unitCol, `rps takes calls per second, not "${unit}"`);
  return { ...base, value, percent: false };
}

function actualOf(t: Threshold, report: LoadReport): number {
  switch (t.metric) {
    case 'errors':
      return t.percent
        ? report.sent === 0
          ? 0
          : (100 * report.errors) / report.sent
        : report.errors;
    case 'rps':
      return report.rps;
    case 'p99.9':
      return report.latencyMs.p999;
    default:
      return report.latencyMs[t.metric];
  }
}

function holds(actual: number, op: ThresholdOp, value: number): boolean {
  if (op === '<') return actual < value;
  if (op === '<=') return actual <= value;
  if (op === '>') return actual > value;
  return actual >= value;
}

export function checkThresholds(
  thresholds: readonly Threshold[],
  report: LoadReport,
): ThresholdResult[] {
  return thresholds.map((t) => {
    const actual = actualOf(t, report);
    return { threshold: t.text, passed: holds(actual, t.op, t.value), actual };
  });
}
