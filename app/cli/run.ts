// The `gwb` process: bundled to dist/cli.cjs, which bin/gwb.cjs loads.
// Before anything loads @bufbuild/protobuf (see the module).
import '../../main/platform/native-base64.js';
import { coalescedOutput } from './coalesced-output.js';
import { served } from './code-used.js';
import { isOneShot, leaveWhenWritten } from './leave-when-written.js';
import { main } from './main.js';

// The launcher's note of the commands this run used (see the module).
export { served } from './code-used.js';

/** What a command answers when Ctrl-C or SIGTERM interrupted it (exit-codes.ts EXIT_INTERRUPTED). */
const INTERRUPTED = 130;
/**
 * The shell's exit code for a run a signal ended: 128 + its number, as grpcurl's (which the signal
 * itself ends): 130 for Ctrl-C's SIGINT, 143 for SIGTERM (a service manager's stop, `kill`).
 */
const EXIT_BY_SIGNAL = { SIGINT: INTERRUPTED, SIGTERM: 143 } as const;
type StopSignal = keyof typeof EXIT_BY_SIGNAL;
/** The first of Ctrl-C and SIGTERM that came: it decides an interrupted run's exit code. */
let interruptedBy: StopSignal | undefined;
/** A command's exit code, the signal's for one that answers an interruption. */
const exitCodeOf = (code: number): number =>
  code === INTERRUPTED && interruptedBy !== undefined ? EXIT_BY_SIGNAL[interruptedBy] : code;
/** After Ctrl-C, how long a command may take to wind down (cancel the call, stop the server). */
const WIND_DOWN_MS = 2000;

// Node's deprecation notices (e.g. TLS ServerName set to an IP by grpc-js) are not for gwb's users.
process.noDeprecation = true;

const controller = new AbortController();
const output = coalescedOutput(process.stdout, process.stderr);
/** Leaves now, with what gwb printed so far written out. */
const exitNow = (code: number): never => {
  output.flush();
  return process.exit(code);
};

// `gwb … | head` closes our stdout early; that is a normal end, not a crash. Wind down the way
// Ctrl-C does (the call is cancelled, a -record file gets its closing lines), then leave.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.exit(1);
    if (controller.signal.aborted) return;
    controller.abort();
    setTimeout(() => exitNow(Number(process.exitCode ?? 0)), WIND_DOWN_MS).unref();
  });
}

const onSignal = (signal: StopSignal): void => {
  interruptedBy ??= signal;
  const code = EXIT_BY_SIGNAL[interruptedBy];
  if (controller.signal.aborted) exitNow(code); // a second Ctrl-C: leave now
  controller.abort();
  setTimeout(() => exitNow(code), WIND_DOWN_MS).unref();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// process.stdin is made on first use (a stream over a pipe, a file or a TTY): only commands that
// read it pay for it, and only then must it be let go at the end.
let stdinUsed = false;
const io = {
  stdout: output.stdout,
  stderr: output.stderr,
  get stdin(): NodeJS.ReadStream {
    stdinUsed = true;
    return process.stdin;
  },
  signal: controller.signal,
};

main(process.argv.slice(2), io).then(
  (answered) => {
    const code = exitCodeOf(answered);
    output.flush();
    process.exitCode = code;
    // Stop listening so the process can exit once output is flushed.
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // A stream call that ended while -d @ still waited for input must not keep us alive.
    if (stdinUsed) process.stdin.destroy();
    // list, describe and calls have nothing left to do: they leave without Node's teardown.
    if (isOneShot(served)) {
      leaveWhenWritten(code, {
        streams: [process.stdout, process.stderr],
        exit: (c) => process.exit(c),
      });
    }
  },
  (error: unknown) => {
    output.flush();
    process.stderr.write(`gwb: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
