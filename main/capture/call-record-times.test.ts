import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../recording/recording.testkit.js';
import { CallRecord } from './call-record.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

/** The times a proxied call's events get, read back as the recording's text spells them. */
async function recordedTimes(immediate: boolean): Promise<string[]> {
  const file = tmp.file(`times-${immediate}.ndjson`);
  // Op times as the capture thread has them: the event loop's clock plus an offset, any double.
  const clock = [1000.1, 1000.1 + 0.2, 1922.5168760000015 + 1000.1, 2e6 / 3, 2e6 / 3, 2e6 / 3];
  let at = 0;
  const record = new CallRecord({
    method: '/example.Unknown/Call',
    target: 'target:1',
    metadata: () => [],
    deadlineMs: undefined,
    file,
    schema: undefined,
    maxObservedBytes: 1024,
    now: () => clock[Math.min(at++, clock.length - 1)] as number,
    immediate,
  });
  // As the proxy reads them: in recording work (queued unless immediate).
  record.later(() => {
    record.serverMessage({ compressed: false, length: 1, bytes: Buffer.from([1]) });
    record.serverMessage({ compressed: false, length: 1, bytes: Buffer.from([2]) });
  });
  record.trailers(() => [], '0', '');
  await record.close();
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => /"t":([^,}]*)/.exec(line)?.[1] ?? 'none');
}

describe("a proxied call's event times", () => {
  it('are milliseconds to the microsecond, as a workbench call records them', async () => {
    for (const immediate of [true, false]) {
      const times = await recordedTimes(immediate);
      expect(times.length).toBeGreaterThanOrEqual(5);
      for (const t of times) expect(t).toMatch(/^\d+(\.\d{1,3})?$/);
      expect(times).toContain('1922.517');
    }
  });
});
