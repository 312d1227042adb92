// grpcurl -vv's "Timing Data": a tree of how long the command and its steps took, printed on
// stdout after everything else when the command ends normally (exit 0; grpcurl's os.Exit on a
// failure or a non-OK status skips the deferred dump). The same steps as grpcurl's: Dial (with
// TLS Setup, over TLS, and BlockingDial inside: gwb's wait for the channel to be ready) and
// InvokeRPC (the call). Durations are printed as Go prints a time.Duration.
//
// Each command owns its tree (timingData, passed down to the steps it times), so two commands
// run in one process (tests, the in-process CLI) never time into each other's.

/** One timed step of a command, or the command itself (the root, "Timing Data"). */
export interface TimingStep {
  /** Starts a step inside this one; end() it when it is over. */
  child(title: string): TimingStep;
  end(): void;
}

/** The command's tree: its root step and the text grpcurl prints of it. */
export interface TimingData {
  /** Whether -vv asked for the tree: work done only to be timed (TLS Setup's own read) is skipped without it. */
  readonly timed: boolean;
  root: TimingStep;
  /** The tree as grpcurl's dumpTiming prints it; '' without -vv or when the command exits ≠ 0. */
  text(exitCode: number): string;
}

class Step implements TimingStep {
  private readonly start = performance.now();
  /** Milliseconds, once ended. */
  private value: number | undefined;
  private readonly sub: Step[] = [];

  constructor(private readonly title: string) {}

  child(title: string): Step {
    const step = new Step(title);
    this.sub.push(step);
    return step;
  }

  end(): void {
    this.value ??= performance.now() - this.start;
  }

  lines(level: number): string[] {
    const own = `${'  '.repeat(level)}${this.title}: ${goDuration(this.value ?? 0)}\n`;
    return [own, ...this.sub.flatMap((step) => step.lines(level + 1))];
  }
}

/** Without -vv: nothing is timed, nothing printed. */
const UNTIMED_STEP: TimingStep = { child: () => UNTIMED_STEP, end: () => {} };
const UNTIMED: TimingData = { timed: false, root: UNTIMED_STEP, text: () => '' };

/** A new command's timing: a tree with -vv (`veryVerbose`), else one that keeps nothing. */
export function timingData(veryVerbose: boolean): TimingData {
  if (!veryVerbose) return UNTIMED;
  const root = new Step('Timing Data');
  return {
    timed: true,
    root,
    text: (exitCode) => {
      if (exitCode !== 0) return '';
      root.end();
      return root.lines(0).join('');
    },
  };
}

/** `run` as a step named `title` inside `parent`. */
async function timed<T>(parent: TimingStep, title: string, run: () => Promise<T>): Promise<T> {
  const step = parent.child(title);
  try {
    return await run();
  } finally {
    step.end();
  }
}

/**
 * grpcurl's Dial step: over TLS, "TLS Setup" (grpcurl builds its TLS configuration from the files
 * before it dials: gwb reads and checks them, `setUp`), then "BlockingDial" (the wait for a ready
 * channel, `connect`). In plain text `setUp` runs untimed inside Dial.
 */
export async function timedDial<S, T>(
  timing: TimingData,
  tls: boolean,
  setUp: () => S,
  connect: (setUp: S) => Promise<T>,
): Promise<T> {
  const dial = timing.root.child('Dial');
  try {
    let prepared: S;
    if (tls) {
      const tlsSetup = dial.child('TLS Setup');
      try {
        prepared = setUp();
      } finally {
        tlsSetup.end();
      }
    } else prepared = setUp();
    return await timed(dial, 'BlockingDial', () => connect(prepared));
  } finally {
    dial.end();
  }
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
