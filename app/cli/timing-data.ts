// grpcurl -vv's "Timing Data": a tree of how long the command and its steps took, printed on
// stdout after everything else when the command ends normally (exit 0; grpcurl's os.Exit on a
// failure or a non-OK status skips the deferred dump). The same steps as grpcurl's: Dial (with
// BlockingDial inside, gwb's wait for the channel to be ready) and InvokeRPC (the call). Durations
// are printed as Go prints a time.Duration.
interface Timing {
  title: string;
  start: number;
  /** Milliseconds, once done. */
  value?: number;
  sub: Timing[];
}

/** grpcurl's dial step and the blocking wait inside it: gwb's wait for a ready channel. */
export const DIAL = ['Dial', 'BlockingDial'] as const;

/** The command's timing; set only while a -vv command runs (one command per gwb process). */
let root: Timing | undefined;

const begin = (title: string): Timing => ({ title, start: performance.now(), sub: [] });

const done = (timing: Timing): void => {
  timing.value ??= performance.now() - timing.start;
};

/** Starts the tree (-vv); clearTimingData forgets any earlier one. */
export function startTimingData(): void {
  root = begin('Timing Data');
}

export function clearTimingData(): void {
  root = undefined;
}

/**
 * Starts a step under the root, `titles` each nested in the one before (Dial > BlockingDial);
 * the function returned ends them. Without -vv nothing is timed.
 */
export function timeStep(titles: readonly string[]): () => void {
  if (!root) return () => {};
  let parent = root;
  const opened: Timing[] = [];
  for (const title of titles) {
    const child = begin(title);
    parent.sub.push(child);
    opened.push(child);
    parent = child;
  }
  return () => opened.forEach(done);
}

/** `step` run as a timed step (timeStep). */
export async function timed<T>(titles: readonly string[], step: () => Promise<T>): Promise<T> {
  const end = timeStep(titles);
  try {
    return await step();
  } finally {
    end();
  }
}

/** The tree as grpcurl's dumpTiming prints it, when -vv ran and the command exits 0; then forgotten. */
export function takeTimingData(exitCode: number): string {
  const timing = root;
  root = undefined;
  if (!timing || exitCode !== 0) return '';
  done(timing);
  const lines: string[] = [];
  const walk = (t: Timing, level: number): void => {
    lines.push(`${'  '.repeat(level)}${t.title}: ${goDuration(t.value ?? 0)}\n`);
    for (const sub of t.sub) walk(sub, level + 1);
  };
  walk(timing, 0);
  return lines.join('');
}

/** Go's time.Duration.String() of a duration in milliseconds (to the nanosecond). */
export function goDuration(ms: number): string {
  const ns = Math.round(ms * 1e6);
  if (ns === 0) return '0s';
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${decimal(ns, 3)}µs`;
  if (ns < 1e9) return `${decimal(ns, 6)}ms`;
  const hours = Math.floor(ns / 3.6e12);
  const minutes = Math.floor((ns - hours * 3.6e12) / 6e10);
  const seconds = `${decimal(ns - hours * 3.6e12 - minutes * 6e10, 9)}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  return minutes > 0 ? `${minutes}m${seconds}` : seconds;
}

/** `value / 10^digits` with the fraction's trailing zeros (and a bare point) left out, as Go. */
function decimal(value: number, digits: number): string {
  const unit = 10 ** digits;
  const whole = Math.floor(value / unit);
  const fraction = String(value - whole * unit)
    .padStart(digits, '0')
    .replace(/0+$/, '');
  return fraction === '' ? `${whole}` : `${whole}.${fraction}`;
}
