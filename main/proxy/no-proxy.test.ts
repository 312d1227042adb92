import { describe, expect, it } from 'vitest';
import { bypassesProxy } from './no-proxy.js';

// curl's no_proxy rules (CURLOPT_NOPROXY), where grpc-js 1.14's plain endsWith() differs.
describe('no_proxy as curl reads it', () => {
  it('a name matches itself and its subdomains on a dot boundary, not a longer name', () => {
    expect(bypassesProxy('ample.com', 'ample.com', '443')).toBe(true);
    expect(bypassesProxy('ample.com', 'www.ample.com', '443')).toBe(true);
    // grpc-js's endsWith() says true here; curl says false.
    expect(bypassesProxy('ample.com', 'example.com', '443')).toBe(false);
    expect(bypassesProxy('ample.com', 'ample.com.org', '443')).toBe(false);
  });

  it('ignores a leading dot (or *.), case and a trailing dot of the host', () => {
    expect(bypassesProxy('.corp.example', 'api.corp.example', '1')).toBe(true);
    expect(bypassesProxy('.corp.example', 'corp.example', '1')).toBe(true);
    expect(bypassesProxy('*.corp.example', 'API.Corp.Example.', '1')).toBe(true);
  });

  it('* alone matches every host; entries are split on commas and spaces', () => {
    expect(bypassesProxy('*', 'anything', '1')).toBe(true);
    expect(bypassesProxy('a.test, b.test  c.test', 'c.test', '1')).toBe(true);
    expect(bypassesProxy('a.test,,', 'd.test', '1')).toBe(false);
    expect(bypassesProxy('', 'd.test', '1')).toBe(false);
  });

  it('IP addresses match exactly or by CIDR, IPv4 and IPv6 (without brackets, as curl)', () => {
    expect(bypassesProxy('127.0.0.1', '127.0.0.1', '1')).toBe(true);
    expect(bypassesProxy('127.0.0.1', '127.0.0.11', '1')).toBe(false);
    expect(bypassesProxy('10.0.0.0/8', '10.20.30.40', '1')).toBe(true);
    expect(bypassesProxy('10.0.0.0/8', '11.0.0.1', '1')).toBe(false);
    expect(bypassesProxy('::1', '[::1]', '1')).toBe(true);
    expect(bypassesProxy('fd00::/8', 'fd12::5', '1')).toBe(true);
    expect(bypassesProxy('fd00::/8', '10.0.0.1', '1')).toBe(false);
    // An IP entry never matches a name by suffix.
    expect(bypassesProxy('0.0.1', '10.0.0.1', '1')).toBe(false);
  });

  it('an entry with a port (as Go/grpcurl) matches that port only', () => {
    expect(bypassesProxy('localhost:8080', 'localhost', '8080')).toBe(true);
    expect(bypassesProxy('localhost:8080', 'localhost', '9090')).toBe(false);
    expect(bypassesProxy('[::1]:8080', '::1', '8080')).toBe(true);
    expect(bypassesProxy('[::1]:8080', '::1', '1')).toBe(false);
  });
});
