// What went wrong, in the user's words, and what they can do next: one table from a failure's kind
// (the engine's CallFailure, or `unimplemented` for a server without reflection) to a sentence and
// the next steps the UI offers as buttons. The raw library text is never the headline; it stays one
// click away (see FailureDetails).
import type { CallStatus } from '../../shared/calls/events.js';
import type { ChannelState } from '../../shared/contract/types.js';
import { isFailureKind, type FailureKind } from '../../shared/calls/failure-kind.js';

export { isFailureKind, type FailureKind };

/** A next step the UI offers as a button. */
export type NextStep = 'load_protos' | 'use_tls' | 'use_plaintext' | 'retry';

export const NEXT_STEP_LABELS: Record<NextStep, string> = {
  load_protos: 'Load .proto files…',
  use_tls: 'Use TLS',
  use_plaintext: 'Use plaintext',
  retry: 'Retry',
};

export interface FailureContext {
  /** `host:port` the client tried. */
  target: string;
  /** Whether the attempt spoke TLS (the opposite is offered when it may be the cause). */
  tls: boolean;
  /** The call's own deadline, for a `deadline` failure. */
  deadlineMs?: number;
  /** What was being done: a call, or loading the schema by reflection. */
  doing: 'call' | 'reflection';
}

export interface FailureWords {
  /** One sentence: what happened, where. */
  headline: string;
  /** What it likely means, or what to check. */
  hint: string;
  next: NextStep[];
}

/** "1.5 s", "250 ms", "2 min": a deadline as a person says it. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 120) return `${Number(s.toFixed(2))} s`;
  return `${Number((s / 60).toFixed(1))} min`;
}

/** The host part of `host:port` (brackets kept for IPv6). */
function hostOf(target: string): string {
  const colon = target.lastIndexOf(':');
  return colon > 0 && !target.endsWith(']') ? target.slice(0, colon) : target;
}

/** The words for a failure of this kind. */
export function failureWords(kind: FailureKind, c: FailureContext): FailureWords {
  const switchSecurity: NextStep = c.tls ? 'use_plaintext' : 'use_tls';
  switch (kind) {
    case 'unreachable':
      return {
        headline: `Nothing is listening at ${c.target}`,
        hint: 'Check that the server is running and that the address and port are right.',
        next: ['retry'],
      };
    case 'unresolved':
      return {
        headline: `No host named ${hostOf(c.target)} could be found`,
        hint: 'Check the spelling of the address, or your network and DNS.',
        next: ['retry'],
      };
    case 'tls_mismatch':
      return {
        headline: `${c.target} looks like a plaintext server: it did not answer in TLS`,
        hint: 'Switch this connection to plaintext if the server does not use TLS.',
        next: ['use_plaintext', 'retry'],
      };
    case 'tls_rejected':
      return {
        headline: `The secure (TLS) connection to ${c.target} was refused`,
        hint: "The server's certificate was not trusted, or it wanted a client certificate. Set the CA or client certificate in Connection settings.",
        next: ['retry'],
      };
    case 'not_connected':
      return {
        headline: `Could not connect to ${c.target}`,
        hint: c.tls
          ? 'The server closed the connection. If it does not use TLS, switch to plaintext.'
          : 'The server closed the connection. If it uses TLS, switch to TLS.',
        next: [switchSecurity, 'retry'],
      };
    case 'proxy_refused':
      return {
        headline: `The HTTP proxy did not open a connection to ${c.target}`,
        hint: 'The status names the proxy and its answer. Check the proxy address, user name and password in Connection settings, or set the proxy to none.',
        next: ['retry'],
      };
    case 'deadline':
      return {
        headline:
          c.deadlineMs === undefined
            ? 'The deadline was exceeded'
            : `Deadline of ${formatDuration(c.deadlineMs)} exceeded`,
        hint:
          c.doing === 'reflection'
            ? 'The server did not send its schema in time. Try again, or load .proto files.'
            : 'The server did not answer in time. Raise the deadline, or try again.',
        next: c.doing === 'reflection' ? ['retry', 'load_protos'] : ['retry'],
      };
    case 'unimplemented':
      return {
        headline: `${c.target} does not offer server reflection`,
        hint: 'Load its schema from .proto files or a descriptor set instead.',
        next: ['load_protos', 'retry'],
      };
  }
}

/** Whether a call's status says it never reached the server (so nothing was sent). */
export function neverConnected(status: CallStatus | null): boolean {
  return status?.failure !== undefined && status.failure !== 'deadline';
}

/** Channel connectivity in words (grpc-js says IDLE, TRANSIENT_FAILURE, SHUTDOWN…). */
export const CHANNEL_STATE_WORDS: Record<ChannelState, string> = {
  IDLE: 'Idle',
  CONNECTING: 'Connecting…',
  READY: 'Connected',
  TRANSIENT_FAILURE: 'Cannot connect (retrying)',
  SHUTDOWN: 'Closed',
};

export function channelStateWords(state: ChannelState | undefined): string {
  return state === undefined ? 'Not connected' : CHANNEL_STATE_WORDS[state];
}
