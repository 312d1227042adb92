// How fast a recording may be played again (replay and mock). The player waits `t / speed` ms for
// an event recorded at `t`: a speed near zero makes that Infinity, and a wait beyond what a timer
// can hold (about 24.8 days) fires after 1 ms in Node, so an unbounded speed spun the player in a
// loop forever. Speeds are bounded here, and players wait in steps no longer than a timer holds.

/** 1000 times slower than recorded: an hour-long recording then plays for about six weeks. */
export const MIN_SPEED = 0.001;
/** A million times faster: at that point 'max' is what the user means. */
export const MAX_SPEED = 1_000_000;
/** The longest delay setTimeout keeps (2^31 - 1 ms); a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

export type PlaySpeed = number | 'max';

/** Why a speed is refused, in the user's words, or undefined when it is fine. */
export function speedProblem(speed: PlaySpeed): string | undefined {
  if (speed === 'max') return undefined;
  if (
    typeof speed !== 'number' ||
    !Number.isFinite(speed) ||
    speed < MIN_SPEED ||
    speed > MAX_SPEED
  )
    return `the speed must be a number from ${MIN_SPEED} to ${MAX_SPEED} (1 = as recorded) or max, not ${String(speed)}`;
  return undefined;
}

/** A wait a timer can hold: the player checks the clock again when it fires and waits on. */
export function timerDelay(ms: number): number {
  return Math.min(Math.max(ms, 0), MAX_TIMER_MS);
}
