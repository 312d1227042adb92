import { describe, expect, it } from 'vitest';
import { resolveProxy, serverHostPort } from './resolve-proxy.js';

const T = 'api.test:50051';

describe('the proxy from the environment', () => {
  it('reads grpc_proxy, then https_proxy (and HTTPS_PROXY), then http_proxy, as grpc-js does', () => {
    const all = {
      grpc_proxy: 'http://g:1',
      https_proxy: 'http://s:2',
      HTTPS_PROXY: 'http://S:3',
      http_proxy: 'http://h:4',
    };
    expect(resolveProxy(undefined, T, all)).toEqual({ address: 'g:1', source: 'grpc_proxy' });
    const { grpc_proxy: _g, ...noGrpc } = all;
    expect(resolveProxy(undefined, T, noGrpc)).toEqual({ address: 's:2', source: 'https_proxy' });
    expect(
      resolveProxy(undefined, T, { HTTPS_PROXY: 'http://S:3', http_proxy: 'http://h:4' }),
    ).toEqual({
      address: 's:3',
      source: 'HTTPS_PROXY',
    });
    expect(resolveProxy(undefined, T, { http_proxy: 'h:4' })).toEqual({
      address: 'h:4',
      source: 'http_proxy',
    });
    // HTTP_PROXY in capitals is not read (curl and Go ignore it too: httpoxy).
    expect(resolveProxy(undefined, T, { HTTP_PROXY: 'http://h:4' })).toBeUndefined();
    expect(resolveProxy(undefined, T, {})).toBeUndefined();
  });

  it('takes credentials from the URL, decoded; port 80 when none is given', () => {
    expect(resolveProxy(undefined, T, { https_proxy: 'http://u%40x:p%3Aw@proxy.corp' })).toEqual({
      address: 'proxy.corp:80',
      username: 'u@x',
      password: 'p:w',
      source: 'https_proxy',
    });
  });

  it('skips the proxy for no_grpc_proxy, else no_proxy / NO_PROXY matches', () => {
    const env = { https_proxy: 'http://p:1', no_proxy: 'test' };
    expect(resolveProxy(undefined, T, env)).toBeUndefined();
    expect(resolveProxy(undefined, 'other.example:1', env)).toEqual({
      address: 'p:1',
      source: 'https_proxy',
    });
    expect(resolveProxy(undefined, T, { ...env, no_grpc_proxy: 'x.example' })).toBeDefined();
    expect(
      resolveProxy(undefined, T, { https_proxy: 'http://p:1', NO_PROXY: 'api.test:50051' }),
    ).toBeUndefined();
    expect(resolveProxy(undefined, 'dns:///api.test:50051', env)).toBeUndefined();
  });

  it('never sends localhost or a loopback address through it, as grpcurl (Go) does', () => {
    const env = { https_proxy: 'http://p:1' };
    for (const target of ['localhost:1', 'LOCALHOST:1', '127.0.0.1:1', '127.9.9.9:1', '[::1]:1'])
      expect(resolveProxy(undefined, target, env), target).toBeUndefined();
    // A name that merely resolves to loopback is proxied (Go checks the literal too).
    expect(resolveProxy(undefined, 'localhost.:1', env)).toEqual({
      address: 'p:1',
      source: 'https_proxy',
    });
    // The explicit setting always applies.
    expect(resolveProxy({ url: 'p:1' }, '127.0.0.1:1', env)).toEqual({
      address: 'p:1',
      source: 'connection',
    });
  });

  it('never proxies a Unix socket', () => {
    expect(
      resolveProxy(undefined, 'unix:/tmp/s.sock', { https_proxy: 'http://p:1' }),
    ).toBeUndefined();
  });

  it('says which variable holds a proxy it cannot use, without quoting the value', () => {
    expect(() => resolveProxy(undefined, T, { https_proxy: 'https://u:secretpw@p:1' })).toThrow(
      /^https_proxy: "https:\/\/" proxies are not supported/,
    );
    expect(() => resolveProxy({ url: 'http://u:secretpw@p:1' }, T, {})).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secretpw') as string }),
    );
    expect(() => resolveProxy(undefined, T, { https_proxy: 'http://[bad' })).toThrow(
      /^https_proxy: is not a proxy URL/,
    );
  });
});

describe('the proxy in the connection', () => {
  it('applies whatever the environment says; none means none', () => {
    const env = { https_proxy: 'http://p:1', no_proxy: '*' };
    expect(
      resolveProxy({ url: 'http://corp:3128', username: 'u', password: 'pw' }, T, env),
    ).toEqual({
      address: 'corp:3128',
      username: 'u',
      password: 'pw',
      source: 'connection',
    });
    expect(resolveProxy('none', T, { https_proxy: 'http://p:1' })).toBeUndefined();
  });

  it('names the field to fix', () => {
    expect(() => resolveProxy({ url: 'http://u:pw@corp:3128' }, T, {})).toThrow(
      /^connection\.proxy\.url: must not hold a user name or password/,
    );
    expect(() => resolveProxy({ url: 'corp:3128', password: 'pw' }, T, {})).toThrow(
      /^connection\.proxy\.username: is needed with proxy\.password/,
    );
    expect(() => resolveProxy({ url: 'corp:3128' }, 'unix:/tmp/s', {})).toThrow(
      /^connection\.proxy: /,
    );
  });
});

describe('the server host and port of a target', () => {
  it('reads host:port, dns: targets, IPv6 and the default port', () => {
    expect(serverHostPort('a.test:1')).toEqual({ host: 'a.test', port: '1' });
    expect(serverHostPort('dns:///a.test:1')).toEqual({ host: 'a.test', port: '1' });
    expect(serverHostPort('dns://8.8.8.8/a.test:1')).toEqual({ host: 'a.test', port: '1' });
    expect(serverHostPort('[::1]:5')).toEqual({ host: '::1', port: '5' });
    expect(serverHostPort('a.test')).toEqual({ host: 'a.test', port: '443' });
    expect(serverHostPort('unix:/x')).toBeUndefined();
    expect(serverHostPort('ipv4:1.2.3.4:5,1.2.3.5:5')).toBeUndefined();
  });
});
