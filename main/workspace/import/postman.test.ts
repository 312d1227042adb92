import { describe, it, expect, afterEach } from 'vitest';
import { openWorkspace } from '../index.js';
import { removeDir, tempDir } from '../workspace.testkit.js';
import { importPostman } from './workspace-imports.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

// A Postman v2.1 collection (schema https://schema.getpostman.com/json/collection/v2.1.0/) with
// gRPC items in both URL forms, a folder, disabled metadata, a variable in a number position, and
// an HTTP item that must be skipped.
const collection = {
  info: {
    _postman_id: 'x',
    name: 'Demo APIs',
    schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
  },
  item: [
    {
      name: 'Users',
      item: [
        {
          name: 'Get user',
          request: {
            method: 'POST',
            header: [
              { key: 'Authorization', value: 'Bearer {{token}}' },
              { key: 'x-debug', value: '1', disabled: true },
            ],
            body: { mode: 'raw', raw: '{\n  "id": "{{userId}}"\n}' },
            url: {
              raw: 'grpc://{{host}}:50051/example.UserService/GetUser',
              protocol: 'grpc',
              host: ['{{host}}'],
              port: '50051',
              path: ['example.UserService', 'GetUser'],
            },
            description: 'Fetches one user',
          },
        },
      ],
    },
    {
      name: 'Tail logs',
      request: {
        url: 'grpcs://logs.example.com:443',
        methodPath: 'example.LogService/Tail',
        body: { mode: 'raw', raw: '{"lines": {{n}}}' },
      },
    },
    { name: 'HTTP thing', request: { method: 'GET', url: 'https://example.com/health' } },
  ],
};

describe('Postman v2.1 import', () => {
  it('imports the gRPC items with folders, metadata and bodies, and skips HTTP items', () => {
    const ws = openWorkspace(tempDir());
    dirs.push(ws.dir);
    const result = importPostman(ws, JSON.stringify(collection));
    expect(result.imported).toBe(2);
    expect(result.skipped).toEqual([
      { name: 'HTTP thing', reason: 'not a gRPC request (url protocol "https")' },
    ]);
    expect(ws.requestsUnder('Demo APIs')).toEqual([
      'Demo APIs/Users/Get user',
      'Demo APIs/Tail logs',
    ]);
    expect(ws.readRequest('Demo APIs/Users/Get user')).toEqual({
      version: 2,
      name: 'Get user',
      connection: { address: '{{host}}:50051', security: { kind: 'plaintext' } },
      method: '/example.UserService/GetUser',
      messages: [{ id: '{{userId}}' }],
      metadata: [
        { key: 'authorization', value: 'Bearer {{token}}' },
        { key: 'x-debug', value: '1', enabled: false },
      ],
      options: {},
      notes: 'Fetches one user',
    });
    const tail = ws.readRequest('Demo APIs/Tail logs');
    expect(tail.connection).toEqual({ address: 'logs.example.com:443', security: { kind: 'tls' } });
    expect(tail.method).toBe('/example.LogService/Tail');
    expect(tail.messages).toEqual([{ lines: '{{n}}' }]);
    expect(() => importPostman(ws, JSON.stringify(collection))).toThrow(/already exists/);
  });

  it('says where a broken collection is broken', () => {
    const ws = openWorkspace(tempDir());
    dirs.push(ws.dir);
    expect(() => importPostman(ws, '{"info": {}, "item": []}', { file: 'export.json' })).toThrow(
      /export\.json: info\.name/,
    );
    expect(() => importPostman(ws, '{"info": ', { file: 'export.json' })).toThrow(
      /export\.json: not valid JSON at line 1/,
    );
  });
});
