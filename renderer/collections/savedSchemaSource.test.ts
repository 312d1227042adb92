import { describe, expect, it } from 'vitest';
import type { SavedRequest } from '../../shared/workspace/saved-request.js';
import type { SchemaModel } from '../../shared/schema/model.js';
import { sourceForSaved } from './savedSchemaSource.js';

const request: SavedRequest = {
  version: 1,
  name: 'get',
  connection: { address: 'localhost:50051', security: { kind: 'plaintext' } },
  method: '/example.UserService/GetUser',
  body: {},
  metadata: [],
  options: {},
  notes: '',
};

const schemaWith = (path: string): SchemaModel =>
  ({ services: [{ methods: [{ path }] }] }) as unknown as SchemaModel;

describe('the schema a saved request opens with', () => {
  it('keeps the loaded schema when it has the method', () => {
    const read = {
      path: 'u/get',
      request,
      schemaSource: { id: 'p', kind: 'protoFiles' as const, files: ['/a.proto'], importPaths: [] },
    };
    expect(sourceForSaved(read, schemaWith('/example.UserService/GetUser'))).toBeNull();
  });

  it('loads the saved proto files or descriptor set otherwise', () => {
    const protos = {
      path: 'u/get',
      request,
      schemaSource: {
        id: 'p',
        kind: 'protoFiles' as const,
        files: ['/w/a.proto', '/w/b.proto'],
        importPaths: ['/w'],
      },
    };
    expect(sourceForSaved(protos, schemaWith('/other.S/M'))).toEqual({
      kind: 'protoFiles',
      protoFiles: '/w/a.proto\n/w/b.proto',
      importPaths: '/w',
    });
    const set = {
      path: 'u/get',
      request,
      schemaSource: { id: 's', kind: 'descriptorSet' as const, path: '/w/api.pb' },
    };
    expect(sourceForSaved(set, null)).toEqual({
      kind: 'descriptorSet',
      descriptorSet: '/w/api.pb',
    });
  });

  it('reflects on the request address when it names no source, with a reflection source its metadata', () => {
    expect(sourceForSaved({ path: 'u/get', request }, null)).toEqual({ kind: 'reflection' });
    const reflection = {
      path: 'u/get',
      request,
      schemaSource: {
        id: 'r',
        kind: 'reflection' as const,
        address: '',
        metadata: [{ key: 'x-token', value: 't', enabled: false }],
      },
    };
    expect(sourceForSaved(reflection, null)).toEqual({
      kind: 'reflection',
      reflectionMetadata: [{ key: 'x-token', value: 't', enabled: false }],
    });
  });
});
