// Which HTTP CONNECT proxy a connection goes through, decided once (main/channels/connection-config
// calls this) so the channel, the started event and the error words all name the same proxy.
//
// From the environment, the variables grpc-js 1.14 reads, in its order: grpc_proxy, then
// https_proxy, then http_proxy; no_grpc_proxy, then no_proxy. Beyond grpc-js, as curl and Go's
// net/http (so grpcurl) do: HTTPS_PROXY and NO_PROXY in capitals too (HTTP_PROXY in capitals is
// ignored by curl and Go's CGI guard, and here), a proxy written without `http://`, and no_proxy
// matched as curl matches it (./no-proxy.ts), and, as grpcurl (Go), `localhost` and loopback IP
// addresses never go through the environment's proxy (grpc-js and curl send them through unless
// no_proxy names them; a workbench on a machine with a corporate https_proxy calls local servers
// far more often than it means to tunnel to itself). An explicit proxy in the connection always
// applies, loopback too; `'none'` never uses one.
import { isIPv4, isIPv6 } from 'node:net';
import type { ProxySetting } from '../../shared/request/connection.js';
import { bypassesProxy } from './no-proxy.js';

export type ProxySource =
  'connection' | 'grpc_proxy' | 'https_proxy' | 'HTTPS_PROXY' | 'http_proxy';

export interface ResolvedProxy {
  /** `host:port` of the proxy (IPv6 in brackets): what the timeline and errors show. */
  address: string;
  username?: string;
  password?: string;
  /** `connection` (the request's setting) or the environment variable it came from. */
  source: ProxySource;
}

/** A proxy setting that cannot be used, with the field (or variable) to fix. */
export class ProxySettingError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

const ENV_PROXY_VARIABLES = ['grpc_proxy', 'https_proxy', 'HTTPS_PROXY', 'http_proxy'] as const;
const ENV_NO_PROXY_VARIABLES = ['no_grpc_proxy', 'no_proxy', 'NO_PROXY'] as const;

/** grpc-js's default port for a target without one. */
const GRPC_DEFAULT_PORT = '443';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The proxy for a call to `target` (a grpc-js target: `host:port`, `dns:///host:port`, `unix:…`),
 * or undefined for a direct connection. Throws ProxySettingError for a setting that cannot work.
 */
export function resolveProxy(
  setting: ProxySetting | undefined,
  target: string,
  env: Env,
): ResolvedProxy | undefined {
  if (setting === 'none') return undefined;
  const server = serverHostPort(target);
  if (setting !== undefined) {
    if (!server)
      throw new ProxySettingError(
        'connection.proxy',
        `"${target}" is not a host:port, so it cannot be reached through an HTTP proxy (a Unix socket is always local)`,
      );
    return explicitProxy(setting);
  }
  if (!server || isLoopback(server.host)) return undefined;
  const found = ENV_PROXY_VARIABLES.find((name) => nonEmpty(env[name]));
  if (found === undefined) return undefined;
  const noProxy = ENV_NO_PROXY_VARIABLES.map((name) => env[name]).find(nonEmpty);
  if (noProxy !== undefined && bypassesProxy(noProxy, server.host, server.port)) return undefined;
  return envProxy(found, env[found] ?? '');
}

/** What Go's httpproxy never proxies: the name `localhost` and loopback IP literals. */
function isLoopback(host: string): boolean {
  if (host.toLowerCase() === 'localhost') return true;
  if (isIPv4(host)) return host.startsWith('127.');
  if (isIPv6(host)) return /^(?:0*:)*:?0*1$|^::ffff:127\./i.test(host);
  return false;
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function explicitProxy(setting: Exclude<ProxySetting, 'none'>): ResolvedProxy {
  const url = parseProxyUrl(setting.url, 'connection.proxy.url');
  if (url.username !== '' || url.password !== '')
    throw new ProxySettingError(
      'connection.proxy.url',
      'must not hold a user name or password: put the name in proxy.username and the password in proxy.password (as a {{secret}} variable)',
    );
  const proxy: ResolvedProxy = { address: addressOf(url), source: 'connection' };
  if (setting.username !== undefined) proxy.username = setting.username;
  if (setting.password !== undefined) {
    if (setting.username === undefined)
      throw new ProxySettingError(
        'connection.proxy.username',
        'is needed with proxy.password (basic authentication sends both)',
      );
    proxy.password = setting.password;
  }
  return proxy;
}

function envProxy(variable: Exclude<ProxySource, 'connection'>, value: string): ResolvedProxy {
  const url = parseProxyUrl(value.trim(), variable);
  const proxy: ResolvedProxy = { address: addressOf(url), source: variable };
  if (url.username !== '') proxy.username = decodeURIComponent(url.username);
  if (url.password !== '') proxy.password = decodeURIComponent(url.password);
  return proxy;
}

function parseProxyUrl(text: string, field: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    // The text may hold a password: never quote it.
    throw new ProxySettingError(field, 'is not a proxy URL: write http://host:port');
  }
  if (url.protocol !== 'http:')
    throw new ProxySettingError(
      field,
      `"${url.protocol}//" proxies are not supported: write http://host:port (the call's own TLS still goes through the proxy's tunnel)`,
    );
  if (url.hostname === '')
    throw new ProxySettingError(field, 'names no host: write http://host:port');
  return url;
}

/** host:port of a proxy URL; an http proxy without a port is on 80, as grpc-js and Go take it. */
function addressOf(url: URL): string {
  return `${url.hostname}:${url.port === '' ? '80' : url.port}`;
}

export interface HostPort {
  /** A name or an IP address; IPv6 without brackets. */
  host: string;
  port: string;
}

/** The server's host and port in a grpc-js target; undefined for Unix sockets and the like. */
export function serverHostPort(target: string): HostPort | undefined {
  let rest = target;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target)?.[1]?.toLowerCase();
  if (scheme === 'dns') rest = target.slice(4).replace(/^\/\/[^/]*\//, '');
  else if (scheme !== undefined && !/^[^:]+:\d+$/.test(target)) return undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] ?? GRPC_DEFAULT_PORT };
  const named = /^([^:/]+)(?::(\d+))?$/.exec(rest);
  if (!named) return undefined;
  return { host: named[1] ?? '', port: named[2] ?? GRPC_DEFAULT_PORT };
}

/** What may be shown of a proxy: its address, never its credentials. */
export function shownProxy(proxy: ResolvedProxy): string {
  return proxy.address;
}
