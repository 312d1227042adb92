// Closing the proxy with a call open (gwb proxy's Ctrl-C, the Capture panel's Stop): when close()
// resolves the call has been reported once and its recording has its closing lines, whichever
// path read it.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../recording/recording.testkit.js';
import {
  PROXY_PATHS,
  openHangingTail,
  startRecordingProxy,
  startTargetServer,
  until,
} from '../capture.testkit.js';

type Obj = Record<string, unknown>;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe.each(PROXY_PATHS)('closing the proxy (%s) with a call open', (via) => {
  it('reports the call once and ends its recording before close() resolves', async () => {
    const tmp = tempDir();
    cleanup.push(() => tmp.remove());
    const target = await startTargetServer();
    cleanup.push(() => target.kill());
    const rec = await startRecordingProxy(target.port, tmp.dir, {}, via);
    const tail = await openHangingTail(rec.proxy.port);
    cleanup.push(() => tail.close());
    await until(() => rec.recordings().length === 1, 'the call to be recorded');

    await rec.proxy.close();
    // Nothing awaited after close(): what it promised is done.
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]).toMatchObject({ method: '/example.LogService/Tail', received: 5 });
    const types = readFileSync(rec.recordings()[0] as string, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as Obj)['type']);
    expect(types.filter((t) => t === 'received')).toHaveLength(5);
    expect(types.slice(-2)).toEqual(['status', 'ended']);
  });
});
