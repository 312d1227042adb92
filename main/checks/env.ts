// The one CEL environment checks are evaluated in: the standard library, our functions
// (functions.ts), and a meter on every function: each call is charged to the running
// evaluation's budget (meter.ts) before it runs, by what it reads, and by what it made after,
// so concatenation that keeps doubling runs out of budget long before it runs out of memory.
// The comprehension step counter (STEP_FUNCTION) is charged once per loop iteration: compile.ts
// wraps every comprehension's loop condition in it, so `all`, `exists`, `map` and `filter` cost
// their steps even when their body calls nothing (`l.all(x, l.all(y, true))`).
import {
  celEnv,
  celError,
  isCelError,
  isCelList,
  isCelMap,
  type CelEnv,
  type CelResult,
  type CelValue,
} from '@bufbuild/cel';
import { checkFunctions } from './functions.js';
import { BudgetExceeded, currentMeter } from './meter.js';

type FuncResolver = CelEnv['funcs'];
type FuncGroup = NonNullable<ReturnType<FuncResolver['find']>>;

/** Not writable in CEL (identifiers cannot start with `@`): only compile.ts puts it in a tree. */
export const STEP_FUNCTION = '@gwb.step';
/** Around every list and map literal (compile.ts): charged by the items it made. */
export const MADE_FUNCTION = '@gwb.made';
/** Around every comprehension's list or map (compile.ts): charged for the copy a loop starts with. */
export const RANGE_FUNCTION = '@gwb.range';

/**
 * Characters or bytes of what a function made: the unit its cost grows with. Lists are charged
 * by list-append.ts for the items it copies (the one function that makes a longer list).
 */
function sizeOf(value: CelResult | undefined): number {
  if (typeof value === 'string') return value.length;
  if (value instanceof Uint8Array) return value.length;
  return 0;
}

/** Functions whose work does not grow with what they are given (`size` reads a count). */
const CONSTANT_WORK = new Set(['size']);

/**
 * Units for what a function reads: one per 8 characters or bytes and one per list or map item of
 * its target and arguments (`contains`, `matches`, `in`, `==` on maps take time in proportion; an
 * item of a map compared costs far more than a character). `+` is left out: its strings are
 * charged by what it makes, its lists by list-append.ts (charging the growing list at every step
 * of a `map` would make the budget quadratic where the work is not).
 */
function readUnits(name: string, target: CelValue | undefined, args: readonly CelValue[]): number {
  if (name === '_+_' || CONSTANT_WORK.has(name)) return 0;
  let characters = 0;
  let items = 0;
  for (const value of target === undefined ? args : [target, ...args]) {
    if (typeof value === 'string' || value instanceof Uint8Array) characters += value.length;
    else if (isCelList(value) || isCelMap(value)) items += value.size;
  }
  return Math.floor(characters / 8) + items;
}

function budgetError(id: number): CelResult {
  return celError(new BudgetExceeded(currentMeter().budget).message, id);
}

function metered(group: FuncGroup): FuncGroup {
  return {
    name: group.name,
    [Symbol.iterator]: () => group[Symbol.iterator](),
    call(id: number, target: CelValue | undefined, args: CelValue[]): CelResult | undefined {
      const meter = currentMeter();
      if (!meter.charge(1 + readUnits(group.name, target, args))) {
        return budgetError(id);
      }
      const result = group.call(id, target, args);
      if (!isCelError(result) && !meter.charge(Math.floor(sizeOf(result) / 8))) {
        return budgetError(id);
      }
      return result;
    },
  };
}

const stepGroup: FuncGroup = {
  name: STEP_FUNCTION,
  [Symbol.iterator]: () => [][Symbol.iterator](),
  // The loop's own condition passes through; a spent budget makes it an error, which ends the loop.
  // The second argument is what one step evaluates, in nodes (compile.ts).
  call: (id, _target, args) => {
    const units = typeof args[1] === 'bigint' ? Number(args[1]) : 1;
    return currentMeter().charge(units) ? args[0] : budgetError(id);
  },
};

/**
 * A function that passes its one argument through, charged 1 + its items: what a literal made
 * or what a loop copied.
 */
function itemChargedGroup(name: string): FuncGroup {
  return {
    name,
    [Symbol.iterator]: () => [][Symbol.iterator](),
    call: (id, _target, args) => {
      const value = args[0];
      const items = isCelList(value) || isCelMap(value) ? value.size : 0;
      return currentMeter().charge(1 + items) ? value : budgetError(id);
    },
  };
}

// A literal `[…]` or `{…}` evaluates its items without calling anything; in a loop it is made
// again at every step, so what it made is charged like what a function makes.
const madeGroup = itemChargedGroup(MADE_FUNCTION);

// A loop copies its whole list (or the keys of its map) before its first step, however soon it
// stops (`exists` at its first match): a loop nested in loops pays that copy at every outer step.
const rangeGroup = itemChargedGroup(RANGE_FUNCTION);

function meteredResolver(inner: FuncResolver): FuncResolver {
  const groups = new Map<string, FuncGroup | undefined>();
  const resolver = {
    [Symbol.iterator]: () => inner[Symbol.iterator](),
    find(name: string): FuncGroup | undefined {
      if (name === STEP_FUNCTION) return stepGroup;
      if (name === MADE_FUNCTION) return madeGroup;
      if (name === RANGE_FUNCTION) return rangeGroup;
      if (!groups.has(name)) {
        const group = inner.find(name);
        groups.set(name, group && metered(group));
      }
      return groups.get(name);
    },
  };
  return resolver as unknown as FuncResolver;
}

function createChecksEnv(): CelEnv {
  const base = celEnv({ funcs: checkFunctions() });
  // plan() reads namespace, registry and funcs: the same environment with metered functions.
  const env = {
    namespace: base.namespace,
    registry: base.registry,
    variables: base.variables,
    funcs: meteredResolver(base.funcs),
  };
  return env as unknown as CelEnv;
}

export const checksEnv: CelEnv = createChecksEnv();
