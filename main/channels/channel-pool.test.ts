import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCall } from '../calls/index.js';
import { testCodec } from '../../test/interop/codec.js';
import { startInteropServer, type InteropServer } from '../../test/interop/server.js';
import {
  ChannelPool,
  channelKey,
  type ChannelConfig,
  type ConnectivityStateName,
} from './index.js';

let server: InteropServer;
beforeAll(async () => {
  server = await startInteropServer();
});
afterAll(async () => {
  await server.close();
});

const plaintext = (target: string, extra: Partial<ChannelConfig> = {}): ChannelConfig => ({
  target,
  security: { kind: 'plaintext' },
  ...extra,
});

function unary(client: grpc.Client, responseSize: number) {
  return startCall({
    client,
    path: '/grpc.testing.TestService/UnaryCall',
    kind: 'unary',
    target: server.address,
    requestCodec: testCodec('grpc.testing.SimpleRequest'),
    responseCodec: testCodec('grpc.testing.SimpleResponse'),
    messages: [{ responseSize }],
    deadlineMs: 5000,
  }).done;
}

describe('channelKey', () => {
  it('is stable across property order and differs for every option', () => {
    const a: ChannelConfig = {
      target: 'h:1',
      security: { kind: 'tls', ca: 'X', serverName: 's' },
      maxSendBytes: 10,
    };
    const b: ChannelConfig = {
      maxSendBytes: 10,
      security: { serverName: 's', ca: 'X', kind: 'tls' },
      target: 'h:1',
    };
    expect(channelKey(a)).toBe(channelKey(b));
    const variants: ChannelConfig[] = [
      a,
      { ...a, target: 'h:2' },
      { ...a, security: { kind: 'plaintext' } },
      { ...a, security: { kind: 'tls', ca: 'Y', serverName: 's' } },
      { ...a, security: { kind: 'tls', ca: 'X', serverName: 't' } },
      { ...a, security: { kind: 'tls', ca: 'X', serverName: 's', skipVerify: true } },
      { ...a, authority: 'x' },
      { ...a, maxSendBytes: 11 },
      { ...a, maxReceiveBytes: 10 },
      { ...a, keepaliveMs: 1000 },
    ];
    expect(new Set(variants.map(channelKey)).size).toBe(variants.length);
  });

  it('never contains the PEM material itself', () => {
    const key = channelKey({
      target: 'h:1',
      security: { kind: 'tls', cert: 'CERTDATA', key: 'SECRETKEY' },
    });
    expect(key).not.toMatch(/SECRETKEY|CERTDATA/);
  });
});

describe('ChannelPool', () => {
  it('shares one client per key and a separate one per different config', () => {
    const pool = new ChannelPool();
    try {
      const a = pool.get(plaintext(server.address));
      expect(pool.get(plaintext(server.address))).toBe(a);
      expect(pool.get(plaintext(server.address, { maxReceiveBytes: 1024 }))).not.toBe(a);
      expect(pool.keys()).toHaveLength(2);
    } finally {
      pool.close();
    }
  });

  it('reports connectivity states from IDLE to READY to SHUTDOWN', async () => {
    const seen: ConnectivityStateName[] = [];
    const pool = new ChannelPool({ onState: (_key, _config, state) => seen.push(state) });
    const config = plaintext(server.address);
    pool.get(config);
    expect(pool.state(config)).toBe('IDLE');
    await pool.waitReady(config, 5000);
    expect(pool.state(config)).toBe('READY');
    pool.close();
    await expect
      .poll(() => seen, { timeout: 2000, interval: 5 })
      .toEqual(['CONNECTING', 'READY', 'SHUTDOWN']);
    expect(pool.state(config)).toBe('SHUTDOWN');
  });

  it('waitReady rejects with the target and state when nothing listens', async () => {
    const pool = new ChannelPool();
    try {
      await expect(pool.waitReady(plaintext('127.0.0.1:1'), 300)).rejects.toThrow(
        /127\.0\.0\.1:1 within 300 ms/,
      );
    } finally {
      pool.close();
    }
  });

  it('closes channels idle for idleMs, but not while a lease is held', async () => {
    const closed: string[] = [];
    const pool = new ChannelPool({
      idleMs: 50,
      onState: (key, _c, state) => state === 'SHUTDOWN' && closed.push(key),
    });
    try {
      const leased = plaintext(server.address, { authority: 'leased' });
      const idle = plaintext(server.address);
      const lease = pool.lease(leased);
      pool.get(idle);
      await expect
        .poll(() => pool.keys(), { timeout: 2000, interval: 10 })
        .toEqual([channelKey(leased)]);
      expect(closed).toEqual([channelKey(idle)]);
      // A call on the leased channel still works after the other was closed.
      expect((await unary(lease.client, 1)).codeName).toBe('OK');
      lease.release();
      await expect.poll(() => pool.keys(), { timeout: 2000, interval: 10 }).toEqual([]);
      // The next get() opens a fresh channel.
      expect((await unary(pool.get(idle), 1)).codeName).toBe('OK');
    } finally {
      pool.close();
    }
  });

  it('applies the max receive size', async () => {
    const pool = new ChannelPool();
    try {
      const client = pool.get(plaintext(server.address, { maxReceiveBytes: 1000 }));
      expect((await unary(client, 100)).codeName).toBe('OK');
      const status = await unary(client, 5000);
      expect(status.codeName).toBe('RESOURCE_EXHAUSTED');
      expect(status.message).toMatch(/larger than max/);
    } finally {
      pool.close();
    }
  });

  it('applies the max send size', async () => {
    const pool = new ChannelPool();
    try {
      const client = pool.get(plaintext(server.address, { maxSendBytes: 100 }));
      const session = startCall({
        client,
        path: '/grpc.testing.TestService/UnaryCall',
        kind: 'unary',
        target: server.address,
        requestCodec: testCodec('grpc.testing.SimpleRequest'),
        responseCodec: testCodec('grpc.testing.SimpleResponse'),
        messages: [{ payload: { body: Buffer.alloc(500).toString('base64') } }],
        deadlineMs: 5000,
      });
      expect((await session.done).codeName).toBe('RESOURCE_EXHAUSTED');
    } finally {
      pool.close();
    }
  });

  it('sends the authority override as :authority', async () => {
    const seen: string[] = [];
    const probe = new grpc.Server();
    probe.addService(
      {
        Echo: {
          path: '/p.P/Echo',
          requestStream: false,
          responseStream: false,
          requestSerialize: (b: Buffer) => b,
          requestDeserialize: (b: Buffer) => b,
          responseSerialize: (b: Buffer) => b,
          responseDeserialize: (b: Buffer) => b,
        },
      },
      {
        Echo: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
          seen.push(
            String(call.getPath()),
            String((call as unknown as { getHost(): string }).getHost()),
          );
          cb(null, Buffer.alloc(0));
        },
      },
    );
    const port = await new Promise<number>((resolve, reject) =>
      probe.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
        e ? reject(e) : resolve(p),
      ),
    );
    const pool = new ChannelPool();
    try {
      const client = pool.get(plaintext(`127.0.0.1:${port}`, { authority: 'api.example.com' }));
      const status = await startCall({
        client,
        path: '/p.P/Echo',
        kind: 'unary',
        target: `127.0.0.1:${port}`,
        requestCodec: testCodec('grpc.testing.Empty'),
        responseCodec: testCodec('grpc.testing.Empty'),
        messages: [{}],
        deadlineMs: 5000,
      }).done;
      expect(status.codeName).toBe('OK');
      expect(seen).toEqual(['/p.P/Echo', 'api.example.com']);
    } finally {
      pool.close();
      probe.forceShutdown();
    }
  });

  it('rejects nonsense sizes with the option name', () => {
    const pool = new ChannelPool();
    try {
      expect(() => pool.get(plaintext(server.address, { maxSendBytes: -1 }))).toThrow(
        /maxSendBytes must be a positive whole number/,
      );
      expect(() => pool.get(plaintext(server.address, { keepaliveMs: 0.5 }))).toThrow(
        /keepaliveMs/,
      );
    } finally {
      pool.close();
    }
  });

  it('a closed pool refuses new channels', () => {
    const pool = new ChannelPool();
    pool.close();
    expect(() => pool.get(plaintext(server.address))).toThrow(/closed/);
  });
});
