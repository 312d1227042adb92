/** Where the CLI talks to; the runner passes process streams, tests pass buffers. */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  stdin: AsyncIterable<string | Uint8Array>;
  /** Ends long-running commands (demo-server); the runner aborts it on SIGINT/SIGTERM. */
  signal?: AbortSignal;
}

export async function readAll(input: AsyncIterable<string | Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** Resolves when the run is interrupted (SIGINT/SIGTERM); never when there is no signal. */
export function untilInterrupted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve();
    else signal?.addEventListener('abort', () => resolve(), { once: true });
  });
}
