import { describe, expect, it } from 'vitest';
import { CodecError, createMessageCodec, messageTemplate } from './index.js';
import { compileRegistry, testdata } from './protoc.testkit.js';

const registry = compileRegistry(testdata('codec_test.proto'));
const template = (type: string) => messageTemplate(registry, `gwb.codectest.${type}`);

describe('messageTemplate', () => {
  it('fills every field with its default, lists with one item and maps with one entry', () => {
    expect(template('User')).toEqual({
      userName: '',
      addresses: [{ zip: '', streetName: '' }],
      labels: { key: { zip: '', streetName: '' } },
      counts: { key: 0 },
      byId: { '0': '' },
      color: 'COLOR_UNSPECIFIED',
      colors: ['COLOR_UNSPECIFIED'],
      home: { zip: '', streetName: '' },
    });
  });

  it('writes 64-bit integers as strings and includes proto3 optional fields', () => {
    expect(template('Scalars')).toEqual({
      i32: 0,
      i64: '0',
      u64: '0',
      s64: '0',
      f64: '0',
      sf64: '0',
      u32: 0,
      dbl: 0,
      flt: 0,
      flag: false,
      text: '',
      data: '',
      maybe: 0,
      many: ['0'],
    });
  });

  it('gives the well-known types their JSON forms', () => {
    expect(template('Wkt')).toEqual({
      at: '1970-01-01T00:00:00Z',
      took: '0s',
      meta: {},
      anyValue: null,
      list: [],
      big: '0',
      name: '',
      ok: false,
      blob: '',
      mask: '',
      nothing: {},
      payload: { '@type': 'type.googleapis.com/google.protobuf.Empty' },
      payloads: [{ '@type': 'type.googleapis.com/google.protobuf.Empty' }],
      values: [null],
    });
  });

  it('takes only the first branch of a oneof', () => {
    expect(template('Choice')).toEqual({ text: '', note: '' });
  });

  it('stops recursive types after one level, as grpcurl does', () => {
    expect(template('Node')).toEqual({
      name: '',
      children: [{ name: '', children: [], parent: null, byName: {} }],
      parent: { name: '', children: [], parent: null, byName: {} },
      byName: { key: { name: '', children: [], parent: null, byName: {} } },
    });
  });

  it('produces JSON that the codec accepts for every type in the schema', () => {
    for (const type of ['User', 'Scalars', 'Wkt', 'Choice', 'Node']) {
      const codec = createMessageCodec(registry, `gwb.codectest.${type}`);
      expect(() => codec.encode(template(type)), type).not.toThrow();
    }
  });

  it('rejects an unknown type', () => {
    expect(() => template('Missing')).toThrow(CodecError);
  });
});
