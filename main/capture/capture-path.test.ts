// Where a pass-through proxy reads its calls: on the capture thread unless told otherwise, on any
// number of cores (bench:proxy measured the thread as fast or faster on two).
import { afterEach, describe, expect, it } from 'vitest';
import { startCaptureProxy, type CaptureProxy } from './index.js';

const proxies: CaptureProxy[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

/** A plaintext pass-through proxy (its target is never dialled: no client connects). */
async function proxyWith(captureThread?: boolean): Promise<CaptureProxy> {
  const proxy = await startCaptureProxy({
    host: '127.0.0.1',
    port: 0,
    target: { target: '127.0.0.1:9', security: { kind: 'plaintext' } },
    ...(captureThread === undefined ? {} : { captureThread }),
  });
  proxies.push(proxy);
  return proxy;
}

describe('the capture path', () => {
  it('unset: the thread', async () => {
    expect((await proxyWith()).capturePath).toBe('thread');
  });

  it('forced either way', async () => {
    expect((await proxyWith(true)).capturePath).toBe('thread');
    expect((await proxyWith(false)).capturePath).toBe('event loop');
  });
});
