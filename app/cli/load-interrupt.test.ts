// `gwb load` interrupted, as a real process: Ctrl-C (SIGINT) or SIGTERM in the middle of a run
// stops sending, cancels the calls in flight (the server sees them cancelled), prints the report of
// what it has (interrupted, counts that add up) and exits 130 (143 for SIGTERM) at once — not after
// run.ts's 2 s wind-down — leaving nothing in its TMPDIR. Before the run (the uncounted first call
// held by the server, or the wait for a server that accepts TCP and never speaks HTTP/2) there is
// nothing to report: it ends at once with 130 (143) and nothing printed, as an interrupted call
// does.
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resourcePath } from '../../main/resources.js';
import { buildGwb } from './built-gwb.testkit.js';
import {
  EXIT_OF_SIGNAL,
  expectQuietlyInterrupted,
  PROMPTLY_MS,
  spawnGwb,
  startHoldingServer,
  startSilentServer,
  until,
  untilNoneHeld,
  type HoldingServer,
  type SignalledGwb,
  type SilentServer,
} from './signalled-gwb.testkit.js';

/** Each call is answered this late: a few are always in flight. */
const HOLD_MS = 300;
const CONCURRENCY = 4;
const GET_USER = '/example.UserService/GetUser';

const PROTO_FLAGS = ['-import-path', resourcePath('protos'), '-proto', 'example.proto'];

let buildDir = '';
let gwbBin = '';
/** Answers each GetUser after HOLD_MS; tells a call gwb cancelled from one lost with it. */
let server: HoldingServer;
/** Holds each GetUser for good (the uncounted first call never ends by itself). */
let neverAnswers: HoldingServer;
let silent: SilentServer;
let running: SignalledGwb | undefined;

beforeAll(async () => {
  server = await startHoldingServer([GET_USER], HOLD_MS);
  neverAnswers = await startHoldingServer([GET_USER]);
  silent = await startSilentServer();
  ({ dir: buildDir, bin: gwbBin } = await buildGwb('gwb-load-interrupt-'));
}, 120_000);

afterEach(() => {
  running?.kill();
  running = undefined;
});

afterAll(async () => {
  await Promise.all([server?.close(), neverAnswers?.close()]);
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
    const [answered, cancelled, lost] = [
      server.answered(),
      server.cancelledByGwb(),
      server.lostWithConnection(),
    ];
    const gwb = (running = spawnLoad('1', server.address));
    // Past the uncounted first call: the run has answers counted and calls in flight.
    const underWay = () => server.answered() - answered >= 1 + 2 * CONCURRENCY;
    await until(() => underWay() && server.holding() > 0, 'a run under way', gwb);
    const run = await gwb.interrupt(signal);

    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: EXIT_OF_SIGNAL[signal],
      stderr: '',
    });
    expect(run.afterSignalMs).toBeLessThan(PROMPTLY_MS);
    expect(run.leftInTmp).toEqual([]);
    // Nothing was left running on the server: each call it held was cancelled by gwb (RST_STREAM,
    // its connection still up) or answered, none left to go with the connection.
    await untilNoneHeld(server);
    expect(server.cancelledByGwb() - cancelled).toBeGreaterThan(0);
    expect(server.lostWithConnection() - lost).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.interrupted).toBe(true);
    expect(report.sent).toBe(report.ok + report.errors);
    expect(report.ok).toBeGreaterThan(0);
  });

  it('during the uncounted first call: cancels it, exits 130 (143 for SIGTERM) at once, prints nothing', async () => {
    const [opened, cancelled] = [neverAnswers.opened(), neverAnswers.cancelledByGwb()];
    const gwb = (running = spawnLoad('1', neverAnswers.address));
    await until(() => neverAnswers.opened() > opened, 'the first call reached the server', gwb);
    const run = await gwb.interrupt(signal);

    expectQuietlyInterrupted(run, signal);
    await untilNoneHeld(neverAnswers);
    // Reset by gwb while its connection was up: cancelled, not lost with the process.
    expect(neverAnswers.cancelledByGwb() - cancelled).toBe(1);
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
