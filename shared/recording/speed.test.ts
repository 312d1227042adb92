import { describe, expect, it } from 'vitest';
import { recordingCommands } from '../contract/recording-commands.js';
import { MAX_TIMER_MS, speedProblem, timerDelay } from './speed.js';

const replayInput = recordingCommands['recording.replay'].input;
const parse = (speed: unknown) => replayInput.safeParse({ id: 'a.ndjson', speed });

describe('replay and mock speeds', () => {
  it('the contract refuses speeds near zero, which made the player wait forever', () => {
    for (const bad of [5e-324, 0, -1, 1e-4, 2e6, Number.NaN, Infinity]) {
      expect(parse(bad).success, String(bad)).toBe(false);
      expect(speedProblem(bad), String(bad)).toMatch(/from 0\.001 to 1000000/);
    }
    for (const good of [0.001, 0.5, 1, 4, 1_000_000, 'max'] as const) {
      expect(parse(good).success, String(good)).toBe(true);
      expect(speedProblem(good)).toBeUndefined();
    }
    const refused = parse(5e-324);
    expect(refused.success ? '' : refused.error.issues[0]?.message).toBe(
      'speed must be at least 0.001 (1 = as recorded)',
    );
  });

  it('a wait never exceeds what a timer holds (a longer one fires at once in Node)', () => {
    expect(timerDelay(1e12)).toBe(MAX_TIMER_MS);
    expect(timerDelay(Infinity)).toBe(MAX_TIMER_MS);
    expect(timerDelay(250)).toBe(250);
  });
});
