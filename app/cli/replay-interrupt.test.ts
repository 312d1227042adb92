// `gwb replay` interrupted, as a real process: Ctrl-C (SIGINT) or SIGTERM while the replayed call
// waits for a server that holds it cancels that call at once (the server sees it cancelled), and
// gwb exits 130 (143 for SIGTERM) with nothing printed — not after run.ts's 2 s wind-down — leaving
// no replay file (none half-written), no `.gwb-replay-*` folder beside it, and nothing in its
// TMPDIR. The same while it still waits for a server that accepts TCP and never speaks HTTP/2, and
// while it waits out a recorded pause between two client messages (replayed at the recorded pace).
// And a call the server ends during such a pause lets gwb exit then, not when the pause would have
// ended.
import * as grpc from '@grpc/grpc-js';
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../../main/demo/demo-server.js';
import { exampleStubs } from '../../main/recording/recording.testkit.js';
import { buildGwb } from './built-gwb.testkit.js';
import {
  expectQuietlyInterrupted,
  spawnGwb,
  startHoldingServer,
  startSilentServer,
  until,
  untilNoneHeld,
  type HoldingServer,
  type SignalledGwb,
  type SilentServer,
} from './signalled-gwb.testkit.js';

let buildDir = '';
let gwbBin = '';
/** Holds each GetUser and Chat, and tells a call gwb cancelled from one lost with the process. */
let holdServer: HoldingServer;
/** Fails each Chat on its first message (INVALID_ARGUMENT). */
let failServer: grpc.Server;
let failAddress = '';
/** When failServer last failed a call (Date.now()). */
let failedAt = 0;
let recording = '';
/** A Chat recording whose second message was sent a minute after the first. */
let pausedChat = '';
let silent: SilentServer;
let running: SignalledGwb | undefined;

beforeAll(async () => {
  const example = exampleStubs();
  holdServer = await startHoldingServer([
    '/example.UserService/GetUser',
    '/example.ChatService/Chat',
  ]);
  failServer = new grpc.Server();
  failServer.addService((example['ChatService'] as grpc.ServiceClientConstructor).service, {
    Chat: (call: grpc.ServerDuplexStream<unknown, unknown>) => {
      call.once('data', () => {
        failedAt = Date.now();
        call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: 'no Ann here' });
      });
    },
  });
  failAddress = await new Promise<string>((resolve, reject) =>
    failServer.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(`127.0.0.1:${p}`),
    ),
  );
  silent = await startSilentServer();
  ({ dir: buildDir, bin: gwbBin } = await buildGwb('gwb-replay-interrupt-'));
  // The recording: a GetUser the demo server answered.
  const demo = await startDemoServer({ port: 0 });
  recording = path.join(buildDir, 'recordings', 'get-user.ndjson');
  mkdirSync(path.dirname(recording));
  try {
    // Not execFileSync: the demo server answers from this process's event loop.
    await promisify(execFile)(process.execPath, [
      ...[gwbBin, '-plaintext', '-record', recording, '-d', '{"id":"1"}'],
      ...[`127.0.0.1:${demo.port}`, 'example.UserService/GetUser'],
    ]);
    const chat = path.join(buildDir, 'chat.ndjson');
    await promisify(execFile)(process.execPath, [
      ...[gwbBin, '-plaintext', '-record', chat, '-d', '{"sender":"ann"} {"sender":"bob"}'],
      ...[`127.0.0.1:${demo.port}`, 'example.ChatService/Chat'],
    ]);
    // Bob's message (and the half-close after it) a minute after Ann's.
    pausedChat = path.join(buildDir, 'paused', 'chat.ndjson');
    mkdirSync(path.dirname(pausedChat));
    const lines = readFileSync(chat, 'utf8').split('\n');
    const later = (line: string) => line.replace(/"t":([\d.]+)/, (_, t) => `"t":${60_000 + +t}`);
    writeFileSync(
      pausedChat,
      lines.map((line) => (/"bob"|"half_closed"/.test(line) ? later(line) : line)).join('\n'),
    );
  } finally {
    await demo.close();
  }
}, 120_000);

afterEach(() => {
  running?.kill();
  running = undefined;
});

afterAll(async () => {
  await holdServer?.close();
  failServer?.forceShutdown();
  silent?.close();
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

/**
 * A copy of `recording` in a folder of the calling test's own: what a replay leaves beside it is
 * that test's alone, and one case's leftovers cannot fail the next.
 */
function inOwnFolder(recording: string): string {
  const copy = path.join(mkdtempSync(path.join(buildDir, 'case-')), path.basename(recording));
  copyFileSync(recording, copy);
  return copy;
}

/** Only the recording is in its folder: no replay file, whole or half, no working folder. */
function expectAloneInItsFolder(recording: string): void {
  expect(readdirSync(path.dirname(recording))).toEqual([path.basename(recording)]);
}

/**
 * The held call ends as one gwb cancelled (RST_STREAM CANCEL with its connection still up), not
 * one lost when the process went: `before`, the server's count before this test's run.
 */
async function expectCancelledByGwb(before: number): Promise<void> {
  await untilNoneHeld(holdServer);
  expect(holdServer.cancelledByGwb() - before).toBe(1);
}

describe.each(['SIGINT', 'SIGTERM'] as const)('gwb replay and %s', (signal) => {
  it('cancels the replayed call and exits 130 (143 for SIGTERM) at once, leaving nothing behind', async () => {
    const [opened, cancelled] = [holdServer.opened(), holdServer.cancelledByGwb()];
    const replayed = inOwnFolder(recording);
    const gwb = spawnGwb(gwbBin, ['replay', replayed, '--target', holdServer.address], {
      scratch: buildDir,
    });
    running = gwb;
    await until(() => holdServer.opened() > opened, 'the replayed call reached the server', gwb);
    const run = await gwb.interrupt(signal);

    expectQuietlyInterrupted(run, signal);
    await expectCancelledByGwb(cancelled);
    expectAloneInItsFolder(replayed);
  });

  it('ends the wait for a server that never answers, exits 130 (143 for SIGTERM) at once', async () => {
    const before = silent.accepted();
    const replayed = inOwnFolder(recording);
    const gwb = spawnGwb(gwbBin, ['replay', replayed, '--target', silent.address], {
      scratch: buildDir,
    });
    running = gwb;
    await until(() => silent.accepted() > before, 'gwb connected to the silent server', gwb);
    const run = await gwb.interrupt(signal);

    expectQuietlyInterrupted(run, signal);
    expectAloneInItsFolder(replayed);
  });

  it('ends the wait for a recorded pause, exits at once, leaving nothing behind', async () => {
    const [withData, cancelled] = [holdServer.withData(), holdServer.cancelledByGwb()];
    const replayed = inOwnFolder(pausedChat);
    const gwb = (running = spawnGwb(gwbBin, ['replay', replayed, '--target', holdServer.address], {
      scratch: buildDir,
    }));
    await until(() => holdServer.withData() > withData, "Ann's message reached the server", gwb);
    const run = await gwb.interrupt(signal);

    expectQuietlyInterrupted(run, signal);
    await expectCancelledByGwb(cancelled);
    expectAloneInItsFolder(replayed);
  });
});

describe('gwb replay of a call the server ends during a recorded pause', () => {
  it('exits once the call has ended, not at the end of the pause', async () => {
    failedAt = 0;
    const replayed = inOwnFolder(pausedChat);
    const gwb = (running = spawnGwb(gwbBin, ['replay', replayed, '--target', failAddress], {
      scratch: buildDir,
    }));
    await until(() => failedAt > 0, "the server failed the call on Ann's message", gwb);
    // Bob's message is due a minute after Ann's: a pause timer left armed keeps gwb alive for it.
    await until(gwb.ended, 'gwb exited within 20 s of the call ending', gwb);
    const run = await gwb.interrupt('SIGKILL'); // already ended: only collects what it printed

    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain('status: OK "OK" → INVALID_ARGUMENT "no Ann here"');
    expect(run.leftInTmp).toEqual([]);
  });
});
