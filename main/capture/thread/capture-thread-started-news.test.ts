// The Capture panel lists a call from its 'started' news and ignores the end of a call it never
// heard start: a short call whose start and end the thread reads in one batch must still be heard
// to start when starts are asked for (and, when only ends are, to end once). Not left to timing:
// real calls' bytes (a real grpc-js client and target, through a tap) are handed to a held
// thread, so it reads every call's start and end in one look, and so in one batch of news.
import * as grpc from '@grpc/grpc-js';
import type { Worker } from 'node:worker_threads';
import { afterEach, expect, it } from 'vitest';
import type { CallSummary } from '../call-record.js';
import { startTargetServer, stub } from '../capture.testkit.js';
import { startTap, type Tap } from '../passive/traffic.testkit.js';
import type { LiveCall } from '../recording-calls.js';
import { startBareThread } from './bare-thread.testkit.js';
import type { CaptureNews } from './news-batch.js';

type Unary = (req: object, cb: (e: grpc.ServiceError | null) => void) => void;
const CALLS = 5;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** The bytes of CALLS unary calls on one connection, as each side sent them. */
async function shortCallsBytes(): Promise<{ toTarget: Buffer; toClient: Buffer }> {
  const target = await startTargetServer();
  cleanup.push(() => target.kill());
  const tap: Tap = await startTap(target.port);
  cleanup.push(() => tap.close());
  const client = stub('UserService', tap.port);
  const call = (client as unknown as Record<string, Unary>)['GetUser'] as Unary;
  for (let i = 0; i < CALLS; i++)
    await new Promise<void>((resolve, reject) =>
      call.call(client, { id: String(i) }, (e) => (e ? reject(e) : resolve())),
    );
  client.close();
  return { toTarget: tap.toTarget(), toClient: tap.toClient() };
}

/**
 * Hands the calls' bytes to a thread held meanwhile; resolves once it has read them all, with the
 * kinds of news the thread sent (flushes' answers left out).
 */
async function readInOneLook(
  report: Pick<Parameters<typeof startBareThread>[0] & object, 'onCallStarted' | 'onCall'>,
): Promise<string[]> {
  const bytes = await shortCallsBytes();
  const { thread, errors } = startBareThread(report);
  cleanup.push(() => thread.close());
  const news: CaptureNews[] = [];
  const { worker } = thread as unknown as { worker: Worker };
  worker.on('message', (batch: CaptureNews[]) => news.push(...batch));
  await thread.flush(); // running
  // Held while every op goes in (synchronously, far within the hold): the look after it reads
  // them all in one go, so each call's 'started' and 'ended' are told in one batch.
  thread.stallForTests(300);
  const observer = thread.observe();
  observer.fromClient(bytes.toTarget);
  observer.fromTarget(bytes.toClient);
  observer.closed('client', undefined, true);
  observer.closed('target', undefined, true);
  void observer.read();
  expect(await thread.flush()).toBe(0);
  expect(errors).toEqual([]);
  return news.filter((item) => item.k !== 'flushed').map((item) => item.k);
}

it("with starts asked for (the Capture panel), a short call's start is heard, though it ended in the same batch", async () => {
  const started: LiveCall[] = [];
  const ended: CallSummary[] = [];
  const news = await readInOneLook({
    onCallStarted: (call) => started.push(call),
    onCall: (c) => ended.push(c),
  });
  expect(news.filter((k) => k === 'started')).toHaveLength(CALLS);
  expect(ended.map((c) => c.status.codeName)).toEqual(Array(CALLS).fill('OK'));
  expect(started.map((c) => c.method)).toEqual(Array(CALLS).fill('/example.UserService/GetUser'));
});

it('with only ends asked for (gwb proxy), each call of the batch is heard to end, once', async () => {
  const ended: CallSummary[] = [];
  const news = await readInOneLook({ onCall: (c) => ended.push(c) });
  expect(ended.map((c) => c.status.codeName)).toEqual(Array(CALLS).fill('OK'));
  // Every start was taken back: read in the same batch as its end (what this test relies on).
  expect(news).toEqual(Array(CALLS).fill('ended'));
});
