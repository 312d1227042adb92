// The words the UI says for each failure kind: what happened, where, and the next steps it offers.
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_STATE_WORDS,
  channelStateWords,
  failureWords,
  formatDuration,
  neverConnected,
  type FailureContext,
  type FailureKind,
  type NextStep,
} from './words.js';
import type { CallStatus } from '../../shared/calls/events.js';

const plaintextCall: FailureContext = { target: 'localhost:5999', tls: false, doing: 'call' };
const tlsReflection: FailureContext = { target: 'api.test:443', tls: true, doing: 'reflection' };

describe('failure words', () => {
  const table: [FailureKind, FailureContext, string, NextStep[]][] = [
    ['unreachable', plaintextCall, 'Nothing is listening at localhost:5999', ['retry']],
    ['unresolved', tlsReflection, 'No host named api.test could be found', ['retry']],
    [
      'tls_mismatch',
      tlsReflection,
      'api.test:443 looks like a plaintext server: it did not answer in TLS',
      ['use_plaintext', 'retry'],
    ],
    [
      'tls_rejected',
      tlsReflection,
      'The secure (TLS) connection to api.test:443 was refused',
      ['retry'],
    ],
    ['not_connected', plaintextCall, 'Could not connect to localhost:5999', ['use_tls', 'retry']],
    [
      'not_connected',
      tlsReflection,
      'Could not connect to api.test:443',
      ['use_plaintext', 'retry'],
    ],
    ['deadline', { ...plaintextCall, deadlineMs: 1500 }, 'Deadline of 1.5 s exceeded', ['retry']],
    ['deadline', tlsReflection, 'The deadline was exceeded', ['retry', 'load_protos']],
    [
      'unimplemented',
      tlsReflection,
      'api.test:443 does not offer server reflection',
      ['load_protos', 'retry'],
    ],
  ];
  it.each(table)('%s (%j) → "%s"', (kind, context, headline, next) => {
    const words = failureWords(kind, context);
    expect(words.headline).toBe(headline);
    expect(words.next).toEqual(next);
    expect(words.hint).not.toBe('');
  });

  it('never shows grpc-js internals or status names in the headline', () => {
    for (const [kind, context] of table) {
      const { headline, hint } = failureWords(kind, context);
      expect(`${headline} ${hint}`).not.toMatch(
        /LB pick|remote_addr|UNAVAILABLE|TRANSIENT_FAILURE/,
      );
    }
  });
});

describe('durations', () => {
  it.each([
    [250, '250 ms'],
    [1000, '1 s'],
    [1500, '1.5 s'],
    [20_000, '20 s'],
    [300_000, '5 min'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('connection states', () => {
  it('are words, never grpc-js enum names', () => {
    for (const words of Object.values(CHANNEL_STATE_WORDS)) expect(words).not.toMatch(/^[A-Z_]+$/);
    expect(channelStateWords('TRANSIENT_FAILURE')).toBe('Cannot connect (retrying)');
    expect(channelStateWords('SHUTDOWN')).toBe('Closed');
    expect(channelStateWords('READY')).toBe('Connected');
    expect(channelStateWords(undefined)).toBe('Not connected');
  });
});

describe('never connected', () => {
  const status = (failure?: CallStatus['failure']): CallStatus => ({
    code: 14,
    codeName: 'UNAVAILABLE',
    message: 'x',
    details: [],
    ...(failure ? { failure } : {}),
  });
  it('is a connection failure, not a deadline nor a server status', () => {
    expect(neverConnected(status('unreachable'))).toBe(true);
    expect(neverConnected(status('tls_mismatch'))).toBe(true);
    expect(neverConnected(status('deadline'))).toBe(false);
    expect(neverConnected(status())).toBe(false);
    expect(neverConnected(null)).toBe(false);
  });
});
