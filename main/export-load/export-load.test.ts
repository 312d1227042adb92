// The exports of a request for k6 and ghz: the k6 script typechecks against @types/k6, the ghz
// config holds the request's call, host, schema, TLS, data and metadata; settings neither tool
// can carry are refused naming their field; a secret is never written.
import { describe, expect, it } from 'vitest';
import type { RequestDocument } from '../../shared/request/document.js';
import { sampleRequest } from '../workspace/workspace.testkit.js';
import { k6TypeErrors } from './export-load.testkit.js';
import { ghzConfig } from './ghz-config.js';
import { k6Script } from './k6-script.js';

const request = (overrides: Partial<RequestDocument> = {}): RequestDocument =>
  sampleRequest({
    connection: { address: 'api.example.com:443', security: { kind: 'tls' } },
    schema: { kind: 'protoFiles', files: ['example.proto'], importPaths: ['protos'] },
    method: '/example.UserService/GetUser',
    messages: [{ id: '7', tags: ['a', 'b'], nested: { n: 1, ok: true, none: null } }],
    metadata: [
      { key: 'authorization', value: 'Bearer [secret:token]' },
      { key: 'x-off', value: 'no', enabled: false },
    ],
    deadlineMs: 2500,
    ...overrides,
  });

describe('k6', () => {
  it('writes a script that typechecks against @types/k6', { timeout: 60_000 }, () => {
    const script = k6Script(request(), { vus: 20, duration: '1m' });
    expect(k6TypeErrors(script)).toEqual([]);
    expect(script).toContain("import grpc from 'k6/net/grpc';");
    expect(script).toContain('client.load(["protos"], "example.proto");');
    expect(script).toContain('export const options = { vus: 20, duration: "1m" };');
    expect(script).toContain('client.invoke("example.UserService/GetUser"');
    expect(script).toContain('"authorization": "Bearer " + __ENV["token"],');
    expect(script).not.toContain('x-off');
    expect(script).toContain('timeout: "2500ms"');
    expect(script).toContain('// Run: k6 run -e token=… script.js');
  });

  it(
    'typechecks with reflection, plaintext, mutual TLS and a protoset too',
    { timeout: 60_000 },
    () => {
      const variants: Partial<RequestDocument>[] = [
        {
          schema: { kind: 'reflection' },
          connection: { address: 'h:1', security: { kind: 'plaintext' } },
        },
        {
          schema: { kind: 'descriptorSet', files: ['api.protoset'] },
          connection: {
            address: 'h:1',
            security: {
              kind: 'tls',
              certFile: 'c.pem',
              keyFile: 'k.pem',
              caFile: 'ca.pem',
              skipVerify: true,
            },
          },
          metadata: [],
          messages: [],
        },
      ];
      for (const v of variants) expect(k6TypeErrors(k6Script(request(v)))).toEqual([]);
    },
  );

  it('the typecheck fails a script k6 would reject', { timeout: 60_000 }, () => {
    const script = k6Script(request()).replace('client.invoke(', 'client.invok(');
    expect(k6TypeErrors(script).join('\n')).toContain("Property 'invok' does not exist");
  });

  it('refuses what it cannot carry, naming the field', () => {
    expect(() =>
      k6Script(
        request({
          connection: {
            address: 'h:1',
            security: { kind: 'plaintext' },
            protocol: { kind: 'connect' },
          },
        }),
      ),
    ).toThrow(
      'connection.protocol: k6 speaks gRPC; this request is set to Connect binary (HTTP/2)',
    );
    expect(() => k6Script(request({ messages: [{}, {}] }))).toThrow(
      'messages: k6 export makes unary calls',
    );
    expect(() =>
      k6Script(
        request({ connection: { address: 'h:1', security: { kind: 'tls', caFile: 'ca.pem' } } }),
      ),
    ).toThrow('connection.security: ');
  });
});

describe('ghz', () => {
  it('writes the call, host, schema, TLS, data, metadata and timeout', () => {
    const config = ghzConfig(request({ metadata: [{ key: 'x-trace', value: 'abc' }] }), {
      total: 1000,
    });
    expect(config).toEqual({
      call: 'example.UserService/GetUser',
      host: 'api.example.com:443',
      proto: 'example.proto',
      'import-paths': ['protos'],
      total: 1000,
      concurrency: 50,
      data: { id: '7', tags: ['a', 'b'], nested: { n: 1, ok: true, none: null } },
      metadata: { 'x-trace': 'abc' },
      timeout: '2500ms',
    });
  });

  it('writes a stream’s messages as a data array, plaintext as insecure', () => {
    const config = ghzConfig(
      request({
        connection: { address: 'h:1', security: { kind: 'plaintext' } },
        schema: { kind: 'reflection' },
        messages: [{ n: 1 }, { n: 2 }],
        metadata: [],
      }),
    );
    expect(config).toMatchObject({ insecure: true, data: [{ n: 1 }, { n: 2 }] });
    expect(config).not.toHaveProperty('proto');
  });

  it('refuses a secret rather than writing it, and a second proto file', () => {
    expect(() => ghzConfig(request())).toThrow('metadata: uses the secret {{token}}');
    expect(() =>
      ghzConfig(
        request({
          metadata: [],
          schema: { kind: 'protoFiles', files: ['a.proto', 'b.proto'], importPaths: [] },
        }),
      ),
    ).toThrow('schema.files: ghz takes one -proto file');
  });
});
