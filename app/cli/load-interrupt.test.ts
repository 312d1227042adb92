// `gwb load` interrupted, as a real process: Ctrl-C (SIGINT) or SIGTERM in the middle of a run
// stops sending, cancels the calls in flight (the server sees them cancelled), prints the report of
// what it has (interrupted, counts that add up) and exits 130 (143 for SIGTERM) at once — not after
// run.ts's 2 s wind-down — leaving nothing in its TMPDIR. Before the run (the uncounted first call
// held by the server, or the wait for a server that accepts TCP and never speaks HTTP/2) there is
// nothing to report: it ends at once with 130 (143) and nothing printed, as an interrupted call
// does.
import * as grpc from '@grpc/grpc-js';
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exampleStubs } from '../../main/recording/recording.testkit.js';
import { resourcePath } from '../../main/resources.js';
import { buildGwb } from './built-gwb.testkit.js';
import {
  EXIT_OF_SIGNAL,
  expectQuietlyInterrupted,
  PROMPTLY_MS,
  spawnGwb,
  startSilentServer,
  until,
  type SignalledGwb,
  type SilentServer,
} from './signalled-gwb.testkit.js';

/** Each call is answered this late: a few are always in flight. */
const HOLD_MS = 300;
/** An id the server never answers. */
const NEVER = 'never';
const CONCURRENCY = 4;

const PROTO_FLAGS = ['-import-path', resourcePath('protos'), '-proto', 'example.proto'];

let buildDir = '';
let gwbBin = '';
let server: grpc.Server;
let address = '';
let silent: SilentServer;
let running: SignalledGwb | undefined;
/** Calls the server holds now, and counts of those answered and cancelled. */
const holding = new Set<NodeJS.Timeout>();
let answered = 0;
let cancelled = 0;

beforeAll(async () => {
  const example = exampleStubs();
  server = new grpc.Server();
  server.addService((example['UserService'] as grpc.ServiceClientConstructor).service, {
    GetUser: (
      call: grpc.ServerUnaryCall<{ id: string }, unknown>,
      cb: grpc.sendUnaryData<unknown>,
    ) => {
      const holdMs = call.request.id === NEVER ? 600_000 : HOLD_MS;
      const timer = setTimeout(() => {
        holding.delete(timer);
        answered++;
        cb(null, { id: call.request.id, name: 'Ada Lovelace', age: 36 });
      }, holdMs);
      holding.add(timer);
      call.on('cancelled', () => {
        if (!holding.delete(timer)) return;
        clearTimeout(timer);
        cancelled++;
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  address = `127.0.0.1:${port}`;
  silent = await startSilentServer();
  ({ dir: buildDir, bin: gwbBin } = await buildGwb('gwb-load-interrupt-'));
}, 120_000);

afterEach(() => {
  running?.kill();
  running = undefined;
});

afterAll(() => {
  server?.forceShutdown();
  silent?.close();
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

/** gwb load of GetUser `id` at `target` for a minute, its report as JSON on stdout. */
function spawnLoad(id: string, target: string, schema = PROTO_FLAGS): SignalledGwb {
  return spawnGwb(
    gwbBin,
    [
      ...['load', '-plaintext', ...schema, '-d', `{"id":"${id}"}`, target],
      ...['example.UserService/GetUser', '--concurrency', String(CONCURRENCY)],
      ...['--duration', '60s', '--reporter', 'json'],
    ],
    { scratch: buildDir },
  );
}

interface JsonReport {
  interrupted: boolean;
  sent: number;
  ok: number;
  errors: number;
}

describe.each(['SIGINT', 'SIGTERM'] as const)('gwb load and %s', (signal) => {
  it('stops, cancels the calls in flight, prints what it has and exits 130 (143 for SIGTERM) at once', async () => {
    answered = 0;
    cancelled = 0;
    running = spawnLoad('1', address);
    // Past the uncounted first call: the run has answers counted and calls in flight.
    const gwb = running;
    await until(() => answered >= 1 + 2 * CONCURRENCY && holding.size > 0, 'a run under way', gwb);
    const run = await gwb.interrupt(signal);

    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: EXIT_OF_SIGNAL[signal],
      stderr: '',
    });
    expect(run.afterSignalMs).toBeLessThan(PROMPTLY_MS);
    expect(run.leftInTmp).toEqual([]);
    // Nothing was left running on the server: each call it held was cancelled (or answered).
    expect(holding.size).toBe(0);
    expect(cancelled).toBeGreaterThan(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.interrupted).toBe(true);
    expect(report.sent).toBe(report.ok + report.errors);
    expect(report.ok).toBeGreaterThan(0);
  });

  it('during the uncounted first call: cancels it, exits 130 (143 for SIGTERM) at once, prints nothing', async () => {
    cancelled = 0;
    const gwb = (running = spawnLoad(NEVER, address));
    await until(() => holding.size === 1, 'the first call reached the server', gwb);
    const run = await gwb.interrupt(signal);

    expectQuietlyInterrupted(run, signal);
    await until(() => holding.size === 0 && cancelled === 1, 'the call cancelled', gwb);
  });

  it('while waiting for a server that never answers: exits 130 (143 for SIGTERM) at once', async () => {
    const before = silent.accepted();
    // Reflection (no -proto): the schema is asked of the server first.
    const gwb = (running = spawnLoad('1', silent.address, []));
    await until(() => silent.accepted() > before, 'gwb connected to the silent server', gwb);
    const run = await gwb.interrupt(signal);

    expectQuietlyInterrupted(run, signal);
  });
});
