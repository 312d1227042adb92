// The resolved proxy (main/proxy) as grpc-js channel options: what grpc-js's own mapProxyName does
// for its environment variables (http_proxy.js), done here so the proxy is the one the connection
// chose. The channel connects to the proxy, sends `CONNECT host:port` (with basic credentials),
// and speaks gRPC (and TLS, checked against the real server's name) through the tunnel.
import type * as grpc from '@grpc/grpc-js';
import type { ChannelConfig } from './channel-types.js';
import { serverHostPort } from '../proxy/resolve-proxy.js';
import type { ProxyRoute } from '../proxy/proxy-failures.js';

/** The target grpc-js dials: the proxy, when there is one. */
export function dialTarget(config: ChannelConfig): string {
  return config.proxy === undefined ? config.target : `dns:${config.proxy.address}`;
}

/** Options that send the channel through its proxy; grpc-js's own env lookup is always off. */
export function proxyOptions(config: ChannelConfig): grpc.ChannelOptions {
  // Off even without a proxy: main/proxy has already read the environment (and 'none' means none).
  const options: grpc.ChannelOptions = { 'grpc.enable_http_proxy': 0 };
  const { proxy } = config;
  if (proxy === undefined) return options;
  const server = serverHostPort(config.target);
  if (!server) return options;
  const host = server.host.includes(':') ? `[${server.host}]` : server.host;
  options['grpc.http_connect_target'] = `dns:${host}:${server.port}`;
  // grpc-js takes the default :authority from the dialled target, which is now the proxy.
  options['grpc.default_authority'] = `${host}:${server.port}`;
  if (proxy.username !== undefined)
    options['grpc.http_connect_creds'] =
      proxy.password === undefined ? proxy.username : `${proxy.username}:${proxy.password}`;
  return options;
}

/** The proxy and CONNECT target of a config's channel, as grpc-js's failure log names them. */
export function proxyRouteOf(config: ChannelConfig): ProxyRoute | undefined {
  const server = config.proxy === undefined ? undefined : serverHostPort(config.target);
  if (config.proxy === undefined || !server) return undefined;
  // grpc-js writes the CONNECT target as host:port with the host unbracketed.
  return { proxy: config.proxy.address, target: `${server.host}:${server.port}` };
}

/** Each proxied channel's route, so a failed call can ask for its own proxy's failure. */
const routes = new WeakMap<grpc.ChannelInterface, ProxyRoute>();

export function rememberProxyRoute(channel: grpc.ChannelInterface, config: ChannelConfig): void {
  const route = proxyRouteOf(config);
  if (route) routes.set(channel, route);
}

/** The route of a channel made by the pool, undefined when it goes through no proxy. */
export function proxyRouteOfChannel(channel: grpc.ChannelInterface): ProxyRoute | undefined {
  return routes.get(channel);
}
