// The built gwb as a real process that a test interrupts (Ctrl-C is SIGINT, a service manager's
// stop SIGTERM) once something it waits for has happened: no fixed sleep decides when. Each run has
// a TMPDIR of its own, so a `gwb-engine-*` folder left behind is seen (review 27 SHOULD-7).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import http2 from 'node:http2';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import { expect, vi } from 'vitest';
import {
  frame,
  OK_HEADERS,
  startRawH2Server,
  type RawHandler,
} from '../../test/interop/raw-h2-server.js';

/** run.ts gives a command this long to wind down after the first Ctrl-C. */
export const WIND_DOWN_MS = 2000;
/**
 * "At once": before the wind-down. run.ts's forced exit cannot come sooner than WIND_DOWN_MS after
 * the signal, so any bound below it tells a command that wound down by itself from one the timer
 * ended; the rest is room for a loaded machine (at load average ~10 on two cores: up to ~0.5 s).
 */
export const PROMPTLY_MS = WIND_DOWN_MS - 100;
/** gwb's exit code for a run a signal interrupted: the shell's 128 + the signal's number. */
export const EXIT_OF_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;

export interface SignalledRun {
  /** The exit code (null when the signal itself ended the process). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** From the signal to the process's exit. */
  afterSignalMs: number;
  /** What the run's own TMPDIR holds after it ended (nothing, for a clean exit). */
  leftInTmp: string[];
}

/**
 * The run ended at once (well inside the wind-down) with the signal's exit code, printed nothing
 * and left nothing in its TMPDIR: a command interrupted before it had anything to say.
 */
export function expectQuietlyInterrupted(
  run: SignalledRun,
  signal: keyof typeof EXIT_OF_SIGNAL,
): void {
  expect(run).toMatchObject({
    code: EXIT_OF_SIGNAL[signal],
    stdout: '',
    stderr: '',
    leftInTmp: [],
  });
  expect(run.afterSignalMs).toBeLessThan(PROMPTLY_MS);
}

export interface SignalledGwb {
  /** The run's own TMPDIR. */
  tmp: string;
  stdout(): string;
  stderr(): string;
  /** The process has exited. */
  ended(): boolean;
  /** Sends `signal` and waits for the process to end. */
  interrupt(signal: NodeJS.Signals): Promise<SignalledRun>;
  /** Ends the process if a test failed before interrupting it. */
  kill(): void;
}

export interface SpawnOptions {
  /** A folder of the test's own: the run's TMPDIR is made in it. */
  scratch: string;
  env?: Record<string, string>;
  cwd?: string;
}

/** Starts `node gwbBin ...args` with stdout and stderr collected. */
export function spawnGwb(gwbBin: string, args: string[], opts: SpawnOptions): SignalledGwb {
  const tmp = mkdtempSync(path.join(opts.scratch, 'tmpdir-'));
  const child = spawn(process.execPath, [gwbBin, ...args], {
    env: { ...process.env, ...opts.env, TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let ended = false;
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once('exit', (code) => {
      ended = true;
      resolve({ code, at: Date.now() });
    }),
  );
  return {
    tmp,
    stdout: () => stdout,
    stderr: () => stderr,
    ended: () => ended,
    async interrupt(signal) {
      const signalledAt = Date.now();
      child.kill(signal);
      const { code, at } = await exited;
      // 'exit' can come before the pipes' last chunks: wait for both to close.
      await Promise.all([child.stdout, child.stderr].map(closed));
      return { code, stdout, stderr, afterSignalMs: at - signalledAt, leftInTmp: readdirSync(tmp) };
    },
    kill: () => void child.kill('SIGKILL'),
  };
}

function closed(stream: NodeJS.ReadableStream & { closed?: boolean }): Promise<void> {
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve) => stream.once('close', () => resolve()));
}

/**
 * Resolves once `seen()` is true (polled: it is often outside gwb's output, a server saw a call).
 * Fails after `timeoutMs` with what `gwb` printed, or at once if it ended first.
 */
export function until(
  seen: () => boolean,
  what: string,
  gwb: SignalledGwb,
  timeoutMs = 20_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      clearTimeout(timer);
      clearInterval(poll);
    };
    const fail = (why: string): void => {
      stop();
      reject(new Error(`${why}: ${what}\nstdout: ${gwb.stdout()}\nstderr: ${gwb.stderr()}`));
    };
    const timer = setTimeout(() => fail('never happened'), timeoutMs);
    const check = (): void => {
      if (seen()) {
        stop();
        resolve();
      } else if (gwb.ended()) fail('gwb ended before');
    };
    const poll = setInterval(check, 10);
    check();
  });
}

/**
 * A TCP server that accepts connections, reads what it is sent and never writes: an HTTP/2 or TLS
 * handshake with it never completes, so gwb waits for it (the connect timeout, or a signal).
 */
export interface SilentServer {
  address: string;
  /** Connections accepted so far. */
  accepted(): number;
  close(): void;
}

export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    socket.resume(); // read and dropped: a client's writes never wait on a full buffer
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    accepted: () => accepted,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

/**
 * A bare HTTP/2 server that holds every call of `paths` (answering it empty after `answerAfterMs`,
 * or never), and tells a call gwb cancelled — RST_STREAM CANCEL while its connection is still up —
 * from one lost because gwb went away (its connection gone): a grpc-js server reports both as
 * 'cancelled', so only this can tell a cancel from a process that just exited.
 */
export interface HoldingServer {
  address: string;
  /** Calls opened so far. */
  opened(): number;
  /** Calls that have sent the server some of their request. */
  withData(): number;
  /** Calls held now (neither answered nor ended). */
  holding(): number;
  answered(): number;
  /** Calls gwb reset (CANCEL) while its connection stayed up. */
  cancelledByGwb(): number;
  /** Calls that ended with their connection instead. */
  lostWithConnection(): number;
  close(): Promise<void>;
}

export async function startHoldingServer(
  paths: readonly string[],
  answerAfterMs?: number,
): Promise<HoldingServer> {
  let [opened, withData, holding, answered, cancelled, lost] = [0, 0, 0, 0, 0, 0];
  const hold: RawHandler = (stream, session) => {
    opened++;
    holding++;
    let held = true;
    /** The call leaves the held count once: answered or ended, whichever comes first. */
    const release = (): boolean => {
      if (!held) return false;
      held = false;
      holding--;
      return true;
    };
    stream.once('data', () => withData++);
    stream.on('close', () => {
      if (!release()) return;
      // A reset arrives before the connection's end: its stream closes while the session is up.
      if (stream.rstCode === http2.constants.NGHTTP2_CANCEL && !session.destroyed) cancelled++;
      else lost++;
    });
    if (answerAfterMs === undefined) return;
    const timer = setTimeout(() => {
      if (!release()) return;
      answered++;
      stream.respond(OK_HEADERS, { waitForTrailers: true });
      stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(frame(new Uint8Array(0))); // an empty message: every field its default
    }, answerAfterMs);
    stream.once('close', () => clearTimeout(timer));
  };
  const server = await startRawH2Server(Object.fromEntries(paths.map((p) => [p, hold])));
  return {
    address: server.address,
    opened: () => opened,
    withData: () => withData,
    holding: () => holding,
    answered: () => answered,
    cancelledByGwb: () => cancelled,
    lostWithConnection: () => lost,
    close: () => server.close(),
  };
}

/** Resolves once `server` holds no call: after gwb exited, it may still be reading its resets. */
export async function untilNoneHeld(server: HoldingServer): Promise<void> {
  await vi.waitFor(() => expect(server.holding()).toBe(0), { timeout: 10_000, interval: 10 });
}
