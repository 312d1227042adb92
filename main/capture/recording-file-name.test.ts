import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordingFileName } from './call-record.js';

afterEach(() => vi.useRealTimers());

describe('a captured call’s file name (its parts made once, not per call)', () => {
  it('is the folder, the start time, the counter and the method, for each folder and time given', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-05T09:30:00.123Z'));
    expect(recordingFileName('/rec/a/', '/example.UserService/GetUser', 42)).toBe(
      path.join('/rec/a', '20261205T093000.123-000042-example.UserService.GetUser.ndjson'),
    );
    // Another folder and another millisecond: neither is the one remembered from before.
    vi.setSystemTime(new Date('2026-12-05T09:30:00.124Z'));
    expect(recordingFileName('rec/b', '/weird/Method name', 7)).toBe(
      path.join('rec/b', '20261205T093000.124-000007-weird.Method.name.ndjson'),
    );
    expect(recordingFileName('', '/example.UserService/GetUser', 8)).toBe(
      '20261205T093000.124-000008-example.UserService.GetUser.ndjson',
    );
  });
});
