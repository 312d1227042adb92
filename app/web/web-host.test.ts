import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { WebSocket } from 'ws';
import { startWebHost, type WebHost } from './index.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket and resolves with it, or rejects with the HTTP status of the refusal. */
function openSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`refused ${res.statusCode}`), { status: res.statusCode }));
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

function roundTrip(ws: WebSocket, envelope: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const id = (envelope as { id: number }).id;
    const onMessage = (data: Buffer) => {
      const msg = JSON.parse(data.toString()) as Record<string, unknown>;
      if (msg.t === 'event' || msg.id !== id) return;
      ws.off('message', onMessage);
      resolve(msg);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify(envelope));
  });
}

let dir: string;
let host: WebHost;
let origin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gwb-web-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(
    join(staticDir, 'index.html'),
    '<!doctype html><title>gwb</title><script src="/app.js"></script>',
  );
  writeFileSync(join(staticDir, 'app.js'), 'console.log("app")');
  writeFileSync(join(dir, 'secret.txt'), 'outside the static folder');
  host = await startWebHost({ port: 0, dataDir: join(dir, 'data'), staticDir });
  origin = `http://127.0.0.1:${host.port}`;
});

afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('web host', () => {
  it('binds 127.0.0.1 on a free port and prints the URL with the token', async () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      // Not reachable from the network: the port is only bound on loopback.
      const refused = await new Promise<boolean>((resolve) => {
        const s = connect(host.port, external.address);
        s.once('connect', () => (s.destroy(), resolve(false)));
        s.once('error', () => resolve(true));
      });
      expect(refused).toBe(true);
    }
  });

  it('refuses a missing or wrong token', async () => {
    expect((await get(host.port, '/')).status).toBe(401);
    expect((await get(host.port, '/?token=wrong')).status).toBe(401);
    expect((await get(host.port, `/?token=${host.token}x`)).status).toBe(401);
    expect(
      (await get(host.port, '/app.js', { cookie: `gwb_token_${host.port}=nope` })).status,
    ).toBe(401);
  });

  it('serves the page with the token, sets a strict cookie and security headers', async () => {
    const page = await get(host.port, `/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>gwb</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(
      new RegExp(`^gwb_token_${host.port}=[^;]+; HttpOnly; SameSite=Strict; Path=/$`),
    );
    // The cookie loads the page's files, and it is not the engine token.
    const pair = cookie.split(';')[0]!;
    expect(pair).not.toContain(host.token);
    const script = await get(host.port, '/app.js', { cookie: pair });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toContain('text/javascript');
  });

  it('opens no WebSocket with the cookie alone, which other local services also receive', async () => {
    const page = await get(host.port, `/?token=${host.token}`);
    const pair = String(page.headers['set-cookie']).split(';')[0]!;
    const ws = `ws://127.0.0.1:${host.port}/ws`;
    await expect(openSocket(ws, { origin, cookie: pair })).rejects.toMatchObject({ status: 401 });
    // Neither does the old cookie name with the token, nor the token under the new name.
    await expect(
      openSocket(ws, { origin, cookie: `gwb_token=${host.token}` }),
    ).rejects.toMatchObject({ status: 401 });
    await expect(
      openSocket(ws, { origin, cookie: `gwb_token_${host.port}=${host.token}` }),
    ).rejects.toMatchObject({ status: 401 });
    const withToken = await openSocket(`${ws}?token=${host.token}`, { origin, cookie: pair });
    expect(
      await roundTrip(withToken, { t: 'call', id: 1, name: 'schema.list', input: {} }),
    ).toMatchObject({ t: 'result', id: 1 });
    withToken.close();
  });

  it('names its cookie after its port: two hosts set two cookies', async () => {
    const d = mkdtempSync(join(tmpdir(), 'gwb-web-'));
    const other = await startWebHost({ port: 0, dataDir: join(d, 'data'), staticDir: d });
    try {
      const first = String((await get(host.port, `/?token=${host.token}`)).headers['set-cookie']);
      const second = String(
        (await get(other.port, `/?token=${other.token}`)).headers['set-cookie'],
      );
      const nameOf = (c: string) => c.slice(0, c.indexOf('='));
      expect(nameOf(first)).toBe(`gwb_token_${host.port}`);
      expect(nameOf(second)).toBe(`gwb_token_${other.port}`);
      // A browser sends both cookies to both ports: each host reads only its own.
      const both = `${first.split(';')[0]}; ${second.split(';')[0]}`;
      expect((await get(host.port, '/', { cookie: both })).status).toBe(200);
      expect((await get(other.port, '/', { cookie: both })).status).toBe(200);
      expect((await get(other.port, '/', { cookie: first.split(';')[0]! })).status).toBe(401);
    } finally {
      await other.close();
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('refuses foreign Host headers (DNS rebinding) and foreign Origins', async () => {
    expect(
      (await get(host.port, `/?token=${host.token}`, { host: `evil.example:${host.port}` })).status,
    ).toBe(403);
    expect(
      (await get(host.port, `/?token=${host.token}`, { host: `127.0.0.1:${host.port + 1}` }))
        .status,
    ).toBe(403);
    expect(
      (await get(host.port, `/?token=${host.token}`, { host: `localhost:${host.port}` })).status,
    ).toBe(200);
    expect(
      (await get(host.port, `/?token=${host.token}`, { origin: 'http://evil.example' })).status,
    ).toBe(403);
  });

  it('never serves files outside the static folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/../../secret.txt',
      '/%00',
    ]) {
      const res = await get(
        host.port,
        `${path}${path.includes('?') ? '&' : '?'}token=${host.token}`,
      );
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('outside the static folder');
    }
  });

  it('refuses WebSockets without the token, with a foreign Origin or a foreign Host', async () => {
    const ws = `ws://127.0.0.1:${host.port}/ws`;
    await expect(openSocket(ws, { origin })).rejects.toMatchObject({ status: 401 });
    await expect(openSocket(`${ws}?token=bad`, { origin })).rejects.toMatchObject({ status: 401 });
    await expect(
      openSocket(`${ws}?token=${host.token}`, { origin: 'http://evil.example' }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      openSocket(`${ws}?token=${host.token}`, { origin, host: `rebind.example:${host.port}` }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('carries a real command over the WebSocket with the token', async () => {
    const ws = await openSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { origin });
    const caps = await roundTrip(ws, { t: 'call', id: 1, name: 'host.capabilities', input: {} });
    expect(caps).toMatchObject({ t: 'result', id: 1, output: { host: 'web' } });
    const demo = await roundTrip(ws, { t: 'call', id: 2, name: 'demo.start', input: {} });
    expect(demo).toMatchObject({
      t: 'result',
      id: 2,
      output: { target: expect.stringMatching(/^127\.0\.0\.1:\d+$/) },
    });
    const target = (demo.output as { target: string }).target;
    const schema = await roundTrip(ws, {
      t: 'call',
      id: 3,
      name: 'schema.loadReflection',
      input: { connection: { address: target, security: { kind: 'plaintext' } } },
    });
    expect(schema).toMatchObject({
      t: 'result',
      id: 3,
      output: { services: expect.arrayContaining(['example.UserService']) },
    });
    const bad = await roundTrip(ws, {
      t: 'call',
      id: 4,
      name: 'schema.get',
      input: { schemaId: 5 },
    });
    expect(bad).toMatchObject({ t: 'error', id: 4, code: 'invalid_input' });
    ws.close();
  });

  it('answers garbage frames with an error instead of dropping the socket', async () => {
    const ws = await openSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { origin });
    const reply = await new Promise<Record<string, unknown>>((resolve) => {
      ws.once('message', (d: Buffer) =>
        resolve(JSON.parse(d.toString()) as Record<string, unknown>),
      );
      ws.send('{not json');
    });
    expect(reply).toMatchObject({ t: 'error', id: null, code: 'invalid_input' });
    expect(await roundTrip(ws, { t: 'call', id: 5, name: 'nope', input: {} })).toMatchObject({
      code: 'unknown_command',
    });
    ws.close();
  });
});

describe('web host on a busy port', () => {
  it('says the port is in use', async () => {
    const d = mkdtempSync(join(tmpdir(), 'gwb-web-'));
    try {
      await expect(
        startWebHost({ port: host.port, dataDir: join(d, 'data'), staticDir: d }),
      ).rejects.toThrow(`gwb serve cannot listen on 127.0.0.1:${host.port}: the port is in use`);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('web host without a built renderer', () => {
  it('says clearly that the renderer is not built', async () => {
    const d = mkdtempSync(join(tmpdir(), 'gwb-web-'));
    const h = await startWebHost({ port: 0, dataDir: join(d, 'data'), staticDir: join(d, 'nope') });
    try {
      const page = await get(h.port, `/?token=${h.token}`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('The workbench UI is not built');
      expect(page.body).toContain('npm run build');
    } finally {
      await h.close();
      rmSync(d, { recursive: true, force: true });
    }
  });
});
