// The call watchdog: grpc-js has shipped versions whose calls, in some faults, never reported a
// status (PRODUCT.md's grpc-js facts); a call with a deadline must still end, at deadline + 1 s,
// with DEADLINE_EXCEEDED, and cancel the stuck call. No real server makes today's grpc-js stay
// silent, so the channel here is a stand-in typed against grpc-js's own Channel and Call
// interfaces (the client's `channelOverride` option): its calls take everything and answer nothing.
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { testCodec } from '../../test/interop/codec.js';
import { startCall, WATCHDOG_GRACE_MS } from './index.js';

type GrpcCall = ReturnType<grpc.ChannelInterface['createCall']>;

/** A channel whose every call is accepted and never answered; it notes how each was cancelled. */
function silentChannel(): {
  channel: grpc.ChannelInterface;
  cancels: { code: grpc.status; details: string }[];
} {
  const cancels: { code: grpc.status; details: string }[] = [];
  // A real channel's channelz reference (made without connecting anywhere), closed at once.
  const real = new grpc.Channel('silent:1', grpc.credentials.createInsecure(), {});
  const channelzRef = real.getChannelzRef();
  real.close();
  const call: GrpcCall = {
    cancelWithStatus: (code, details) => void cancels.push({ code, details }),
    getPeer: () => 'silent',
    start: () => undefined,
    sendMessageWithContext: (context) => context.callback?.(),
    startRead: () => undefined,
    halfClose: () => undefined,
    getCallNumber: () => 1,
    setCredentials: () => undefined,
    getAuthContext: () => null,
  };
  const channel: grpc.ChannelInterface = {
    close: () => undefined,
    getTarget: () => 'silent',
    getConnectivityState: () => grpc.connectivityState.READY,
    watchConnectivityState: (_state, _deadline, callback) => callback(),
    getChannelzRef: () => channelzRef,
    createCall: () => call,
  };
  return { channel, cancels };
}

describe('the call watchdog', () => {
  it('ends a call grpc-js never answers at deadline + 1 s with DEADLINE_EXCEEDED and cancels it', async () => {
    const { channel, cancels } = silentChannel();
    const client = new grpc.Client('silent', grpc.credentials.createInsecure(), {
      channelOverride: channel,
    });
    const deadlineMs = 200;
    const started = performance.now();
    const session = startCall({
      client,
      path: '/grpc.testing.TestService/EmptyCall',
      kind: 'unary',
      target: 'silent',
      requestCodec: testCodec('grpc.testing.Empty'),
      responseCodec: testCodec('grpc.testing.Empty'),
      messages: [{}],
      deadlineMs,
    });
    const status = await session.done;
    expect(status).toMatchObject({ codeName: 'DEADLINE_EXCEEDED' });
    // Not before deadline + grace: grpc-js gets that long to report the status itself.
    expect(performance.now() - started).toBeGreaterThanOrEqual(deadlineMs + WATCHDOG_GRACE_MS - 1);
    expect(cancels).toEqual([
      { code: grpc.status.DEADLINE_EXCEEDED, details: 'Deadline exceeded' },
    ]);
    expect(session.events.map((e) => e.type).slice(-2)).toEqual(['status', 'ended']);
    client.close();
  }, 20_000);
});
