// The work budget of one evaluation. @bufbuild/cel evaluates synchronously, so the meter of the
// evaluation under way is a module variable: the metered functions (env.ts) and the step counter
// put into every comprehension (compile.ts) charge it. Once spent, every further charge fails,
// so each loop stops at its next step and the evaluation unwinds at once; the evaluator then
// reports the budget, whatever value the unwinding produced (an error inside `false && …` is
// otherwise swallowed by CEL's commutative logic).
import { EVALUATION_BUDGET } from './limits.js';

export class BudgetExceeded extends Error {
  constructor(budget: number) {
    super(
      `the expression did too much work (more than ${budget.toLocaleString('en-US')} steps): ` +
        'it was stopped; nested loops over long lists or strings that keep doubling cost this much',
    );
    this.name = 'BudgetExceeded';
  }
}

export class Meter {
  private left: number;
  exceeded = false;

  constructor(readonly budget = EVALUATION_BUDGET) {
    this.left = budget;
  }

  /** False once the budget is spent (and from then on). */
  charge(units: number): boolean {
    this.left -= units;
    if (this.left < 0) this.exceeded = true;
    return !this.exceeded;
  }
}

let current: Meter | undefined;

/** Runs `work` with `meter` charged by every metered call and comprehension step inside it. */
export function withMeter<T>(meter: Meter, work: () => T): T {
  const outer = current;
  current = meter;
  try {
    return work();
  } finally {
    current = outer;
  }
}

/** The running evaluation's meter; evaluation outside withMeter is a bug, never unbounded. */
export function currentMeter(): Meter {
  if (!current) throw new Error('a CEL evaluation ran without a work budget');
  return current;
}
