// gwb's stdout, written in batches. On Linux, Node writes stdout synchronously (files, pipes and
// TTYs alike), so printing a 200k-message stream one write per message spent ~15% of gwb's time
// in write syscalls. Text written during one turn of the event loop is joined and written once
// at the end of that turn (or sooner past 64 KiB), so a user watching a slow stream still sees
// each message as it arrives.

/** What gwb writes to: process.stdout / process.stderr, or a test's stand-in. */
export interface TextSink {
  write(chunk: string): unknown;
}

export interface CoalescedOutput {
  stdout: TextSink;
  /** stderr, written after whatever stdout holds, so the two keep their order on a terminal. */
  stderr: TextSink;
  /** Writes what is held now (before the process exits). */
  flush(): void;
}

/** Past this much held text, it is written at once rather than at the end of the turn. */
const FLUSH_BYTES = 64 * 1024;

export function coalescedOutput(stdout: TextSink, stderr: TextSink): CoalescedOutput {
  let held: string[] = [];
  let heldLength = 0;
  let scheduled = false;

  const flush = (): void => {
    if (held.length === 0) return;
    const text = held.length === 1 ? held[0]! : held.join('');
    held = [];
    heldLength = 0;
    stdout.write(text);
  };
  const flushAtTurnEnd = (): void => {
    scheduled = false;
    flush();
  };

  return {
    stdout: {
      write(chunk: string): boolean {
        held.push(chunk);
        heldLength += chunk.length;
        if (heldLength >= FLUSH_BYTES) flush();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(flushAtTurnEnd);
        }
        return true;
      },
    },
    stderr: {
      write(chunk: string): unknown {
        flush();
        return stderr.write(chunk);
      },
    },
    flush,
  };
}
