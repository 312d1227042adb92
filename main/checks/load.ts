// The CEL side of checks, loaded on first use. @bufbuild/cel (its parser, its standard library,
// the CEL protobuf descriptors) costs start-up time to every gwb command and every engine, and
// most calls and saves have nothing to check: the engine reaches it only through here. (In the
// CLI bundle import() becomes a lazy require(), so nothing of it runs until a check does.)
import type { CheckedDocument } from './problems.js';

type ChecksModule = typeof import('./index.js');

let loading: Promise<ChecksModule> | undefined;
let loaded: ChecksModule | undefined;

export function loadChecks(): Promise<ChecksModule> {
  return (loading ??= import('./index.js').then((module) => (loaded = module)));
}

/**
 * The module if it has loaded, else undefined. The call path loads it when a call with checks
 * starts, so the call's end can evaluate them at once, before anyone else hears the end.
 */
export function loadedChecks(): ChecksModule | undefined {
  return loaded;
}

/** Whether a document has assertions or captures (when not, nothing needs loading). */
export function hasChecks(document: CheckedDocument): boolean {
  return (document.assertions?.length ?? 0) > 0 || (document.captures?.length ?? 0) > 0;
}

/** refuseInvalidChecks (problems.ts), loading CEL only for a document that has checks. */
export async function refuseInvalidChecksOf(
  document: CheckedDocument,
  where: string | (() => string),
): Promise<void> {
  if (!hasChecks(document)) return;
  // Loaded already (every read of a run after its first): no await, no turn of the queue.
  (loaded ?? (await loadChecks())).refuseInvalidChecks(document, where);
}
