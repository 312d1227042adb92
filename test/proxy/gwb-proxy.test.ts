import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gwb } from '../../app/cli/cli.testkit.js';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { startTinyproxy, type Tinyproxy } from '../../main/proxy/tinyproxy.testkit.js';

// gwb reads the proxy from the environment as grpcurl does (checked by hand against grpcurl 1.9.3
// and the same tinyproxy: https_proxy is used, 127.0.0.1 and localhost are never proxied, a name
// such as 127.1 is). Reflection and the call both go through it; gwb has no proxy flag, as
// grpcurl has none.

let server: DemoServer;
let proxy: Tinyproxy;
const saved = { ...process.env };

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  proxy = await startTinyproxy();
});

afterEach(() => {
  for (const name of ['https_proxy', 'no_proxy']) delete process.env[name];
  Object.assign(process.env, saved);
});

afterAll(async () => {
  await server?.close();
  await proxy?.close();
});

describe('gwb and https_proxy', () => {
  it('lists by reflection and calls through the proxy; 127.0.0.1 and no_proxy bypass it', async () => {
    process.env.https_proxy = proxy.url;
    const named = `127.1:${server.port}`;
    const listed = await gwb(['-plaintext', named, 'list']);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toContain('example.UserService');
    const called = await gwb([
      '-plaintext',
      '-d',
      '{"id":"1"}',
      named,
      'example.UserService/GetUser',
    ]);
    expect(called).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(called.stdout)).toMatchObject({ id: '1' });
    const through = proxy.connects().length;
    expect(through).toBeGreaterThanOrEqual(2);
    expect(new Set(proxy.connects())).toEqual(new Set([named]));

    expect((await gwb(['-plaintext', `127.0.0.1:${server.port}`, 'list'])).code).toBe(0);
    process.env.no_proxy = '127.1';
    expect((await gwb(['-plaintext', named, 'list'])).code).toBe(0);
    expect(proxy.connects().length).toBe(through);
  });

  it('a proxy that is not there: the error names it, in words', async () => {
    process.env.https_proxy = 'http://127.0.0.1:1';
    // Refused at once; a connect timeout a loaded machine could outlast would hide why.
    const r = await gwb(['-plaintext', '-connect-timeout', '10', `127.1:${server.port}`, 'list']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('proxy 127.0.0.1:1: connection refused');
    expect(r.stderr).not.toMatch(/undefined|E Failed/);
  });
});
