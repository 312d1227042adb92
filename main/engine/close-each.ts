// Closing the engine closes many parts (calls, recordings, history, channels, …). One part that
// fails to close must not leave the others open: the queued history would be lost and running
// calls, channels and sockets kept alive. So every part is closed, in order, and the failures are
// reported together afterwards.

/** A part of the engine, named in the user's words for the report, and how it closes. */
export type ClosingPart = readonly [part: string, close: () => unknown];

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Closes each part in order whatever the others do; rejects afterwards, when some failed, with an
 * AggregateError naming each failed part and its error (its `errors` hold the originals).
 */
export async function closeEach(parts: readonly ClosingPart[]): Promise<void> {
  const failures: { part: string; error: unknown }[] = [];
  for (const [part, close] of parts) {
    try {
      await close();
    } catch (error) {
      failures.push({ part, error });
    }
  }
  if (failures.length === 0) return;
  throw new AggregateError(
    failures.map((f) => f.error),
    `The engine closed, but ${failures.length === 1 ? 'one part' : `${failures.length} parts`} ` +
      `failed to close: ${failures.map((f) => `${f.part}: ${messageOf(f.error)}`).join('; ')}`,
  );
}
