// no_proxy matching as curl does it (CURLOPT_NOPROXY), not as grpc-js 1.14 does. grpc-js tests
// `host.endsWith(entry)`, so `ample.com` also skips the proxy for `example.com`, and it knows no
// `*` and no IPv6. Here, as curl: a name matches itself and its subdomains on a dot boundary (a
// leading dot is ignored), `*` alone matches every host, IP addresses match exactly or by CIDR
// (IPv4 and IPv6, written without brackets). Beyond curl, as Go's net/http (grpcurl): an entry
// with a port (`host:8080`, `[::1]:8080`) matches that port only.
import { BlockList, isIP } from 'node:net';

interface Entry {
  host: string;
  port?: string;
}

/** Whether `host` (a name or an IP, IPv6 without brackets) on `port` skips the proxy. */
export function bypassesProxy(noProxy: string, host: string, port: string): boolean {
  const target = normalHost(host);
  for (const raw of noProxy.split(/[\s,]+/)) {
    if (raw === '') continue;
    if (raw === '*') return true;
    const entry = parseEntry(raw);
    if (entry.port !== undefined && entry.port !== port) continue;
    if (entryMatches(entry.host, target)) return true;
  }
  return false;
}

function normalHost(host: string): string {
  return host
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
}

function parseEntry(raw: string): Entry {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(raw);
  if (bracketed) return withPort(bracketed[1] ?? '', bracketed[2]);
  // One colon is host:port; more are an IPv6 address (curl: written without brackets).
  const colons = raw.split(':').length - 1;
  const named = colons === 1 ? /^([^:]+):(\d+)$/.exec(raw) : null;
  if (named) return withPort(named[1] ?? '', named[2]);
  return { host: raw };
}

function withPort(host: string, port: string | undefined): Entry {
  return port === undefined ? { host } : { host, port };
}

function entryMatches(rawEntry: string, target: string): boolean {
  const entry = normalHost(rawEntry.replace(/^\*?\./, ''));
  if (entry === '') return false;
  const slash = entry.indexOf('/');
  if (slash >= 0) return inCidr(entry.slice(0, slash), entry.slice(slash + 1), target);
  if (isIP(entry) !== 0 || isIP(target) !== 0) return sameIp(entry, target);
  return target === entry || target.endsWith(`.${entry}`);
}

function sameIp(a: string, b: string): boolean {
  const family = isIP(a);
  if (family === 0 || family !== isIP(b)) return false;
  const list = new BlockList();
  list.addAddress(a, family === 6 ? 'ipv6' : 'ipv4');
  return list.check(b, family === 6 ? 'ipv6' : 'ipv4');
}

function inCidr(network: string, bitsText: string, target: string): boolean {
  const family = isIP(network);
  const bits = Number(bitsText);
  if (family === 0 || family !== isIP(target) || !/^\d+$/.test(bitsText)) return false;
  if (bits > (family === 6 ? 128 : 32)) return false;
  const list = new BlockList();
  const type = family === 6 ? 'ipv6' : 'ipv4';
  list.addSubnet(network, bits, type);
  return list.check(target, type);
}
