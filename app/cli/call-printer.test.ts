import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { createCallPrinter } from './call-printer.js';

function capture(): { io: Parameters<typeof createCallPrinter>[0]; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      stdin: (async function* () {})(),
    },
    out,
    err,
  };
}

const received = (seq: number, message: unknown): CallEvent =>
  ({ seq, t: seq, type: 'received', message, size: 2 }) as unknown as CallEvent;
const ok = { code: 0, codeName: 'OK' as const, message: '', details: [] };

describe('call printer', () => {
  it('a response it cannot print fails the command (exit 1, named on stderr) instead of exit 0', () => {
    const { io, out, err } = capture();
    let calls = 0;
    const printer = createCallPrinter(io, {
      verbose: false,
      formatError: false,
      methodText: '',
      requestMetadata: [],
      formatResponse: (message) => {
        calls++;
        if (calls === 2) throw new Error('no type for x.Y');
        return JSON.stringify(message);
      },
    });
    printer.onEvent(received(1, { a: 1 }));
    printer.onEvent(received(2, { a: 2 }));
    printer.onEvent(received(3, { a: 3 }));
    expect(printer.finish(ok)).toBe(1);
    expect(out.join('')).toBe('{"a":1}\n{"a":3}\n');
    expect(err.join('')).toBe('gwb: could not print response message 2: no type for x.Y\n');
  });

  it('a call whose responses all print exits 0', () => {
    const { io } = capture();
    const printer = createCallPrinter(io, {
      verbose: false,
      formatError: false,
      methodText: '',
      requestMetadata: [],
    });
    printer.onEvent(received(1, { a: 1 }));
    expect(printer.finish(ok)).toBe(0);
  });
});
