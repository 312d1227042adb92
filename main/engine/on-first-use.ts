// Engine features built when first used. A gwb command makes one call or lists one server, yet
// the engine answers every command of the contract: building the load runner, the capture proxy,
// the collection runner and the rest for it loaded their modules (and Node's worker_threads,
// fs/promises, …) on every start. Each such feature is now loaded and built the first time one
// of its commands runs; its commands are known from the contract, so the handler table is whole
// from the start and the router still validates every command the same way.
import type { CommandName, Handlers } from '../../shared/contract/index.js';

export interface OnFirstUse<T> {
  /** The feature, loaded and built on the first call (one build, shared by every caller). */
  get(): Promise<T>;
  /** The feature if it has been asked for (still being built, or built), else undefined. */
  started(): Promise<T> | undefined;
  /** The feature once built, else undefined (an observer must decide at once). */
  now(): T | undefined;
}

export function onFirstUse<T>(build: () => Promise<T>): OnFirstUse<T> {
  let pending: Promise<T> | undefined;
  let built: T | undefined;
  return {
    get: () =>
      (pending ??= build().then(
        (feature) => {
          built = feature;
          return feature;
        },
        (error: unknown) => {
          // Not kept: the next command builds again (and says its own error) instead of the
          // feature failing for the engine's life over one failure (a file locked for a moment).
          pending = undefined;
          throw error;
        },
      )),
    started: () => pending,
    now: () => built,
  };
}

/**
 * Closes the feature if it was built (one still being built is waited for). A build that fails
 * leaves nothing to close: the command that asked for it reports the failure.
 */
export async function closeIfBuilt(feature: OnFirstUse<{ close(): unknown }>): Promise<void> {
  const built = await feature.started()?.catch(() => undefined);
  await built?.close();
}

type Handler = (input: unknown) => unknown;

/**
 * Handlers for `names` that build the feature on first use, then hand each input to the feature's
 * own handler. Their type is the contract's, so the engine's table must still name every command.
 */
export function handlersOnFirstUse<N extends CommandName>(
  names: readonly N[],
  feature: OnFirstUse<{ handlers: Pick<Handlers, NoInfer<N>> }>,
): Pick<Handlers, N> {
  const handlers: Partial<Record<N, Handler>> = {};
  for (const name of names) {
    handlers[name] = async (input) => {
      const own = (await feature.get()).handlers[name] as unknown as Handler;
      return own(input);
    };
  }
  return handlers as unknown as Pick<Handlers, N>;
}
