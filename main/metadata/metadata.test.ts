import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { fromGrpcMetadata, MetadataError, toGrpcMetadata, validateMetadata } from './index.js';

describe('toGrpcMetadata', () => {
  it('lowercases keys like grpcurl and decodes -bin values from base64', () => {
    const md = toGrpcMetadata([
      { key: 'X-Request-ID', value: 'abc 123' },
      { key: 'trace-bin', value: 'q6ur' },
      { key: 'multi', value: 'one' },
      { key: 'multi', value: 'two' },
    ]);
    expect(md.get('x-request-id')).toEqual(['abc 123']);
    expect(md.get('trace-bin')).toEqual([Buffer.from([0xab, 0xab, 0xab])]);
    expect(md.get('multi')).toEqual(['one', 'two']);
  });

  it('accepts unpadded and URL-safe base64 for -bin keys', () => {
    expect(toGrpcMetadata([{ key: 'a-bin', value: 'q6s' }]).get('a-bin')).toEqual([
      Buffer.from([0xab, 0xab]),
    ]);
    expect(toGrpcMetadata([{ key: 'a-bin', value: '-_8' }]).get('a-bin')).toEqual([
      Buffer.from([0xfb, 0xff]),
    ]);
    expect(toGrpcMetadata([{ key: 'a-bin', value: '' }]).get('a-bin')).toEqual([Buffer.alloc(0)]);
  });

  it.each([
    [{ key: 'bad key', value: 'v' }, /entry 1 \("bad key"\): illegal character " " in key/],
    [{ key: 'bad/key', value: 'v' }, /illegal character "\/"/],
    [{ key: 'ключ', value: 'v' }, /illegal character "к"/],
    [{ key: '', value: 'v' }, /key is empty/],
    [{ key: 'grpc-timeout', value: '1S' }, /"grpc-" are reserved/],
    [{ key: 'Grpc-Status', value: '0' }, /"grpc-" are reserved/],
    [{ key: 'content-type', value: 'text/plain' }, /set by the HTTP\/2 transport/],
    [{ key: ':path', value: '/x' }, /illegal character ":"/],
    [
      { key: 'note', value: 'caf\u00e9' },
      /non-printable or non-ASCII character at position 4.*-bin/,
    ],
    [{ key: 'note', value: 'line\nbreak' }, /position 5/],
    [{ key: 'blob-bin', value: 'not base64!' }, /"blob-bin".*not valid base64/],
    [{ key: 'blob-bin', value: 'q' }, /not valid base64/],
    [{ key: 'blob-bin', value: 'q6u=r' }, /not valid base64/],
  ])('rejects %j', (entry, message) => {
    expect(() => toGrpcMetadata([entry])).toThrow(message);
    expect(() => toGrpcMetadata([entry])).toThrow(MetadataError);
  });

  it('names the position of the bad entry and sends nothing from a bad list', () => {
    const entries = [
      { key: 'ok', value: 'fine' },
      { key: 'also-ok', value: 'fine' },
      { key: 'BAD KEY', value: 'x' },
    ];
    try {
      validateMetadata(entries);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MetadataError);
      expect((error as MetadataError).index).toBe(2);
      expect((error as Error).message).toMatch(/^metadata entry 3 \("BAD KEY"\)/);
    }
  });
});

describe('fromGrpcMetadata', () => {
  it('lists every value in order with -bin values as base64', () => {
    const md = new grpc.Metadata();
    md.add('a', '1');
    md.add('a', '2');
    md.add('b-bin', Buffer.from([0, 1, 2, 255]));
    expect(fromGrpcMetadata(md)).toEqual([
      { key: 'a', value: '1' },
      { key: 'a', value: '2' },
      { key: 'b-bin', value: 'AAEC/w==' },
    ]);
  });

  it('round-trips entries', () => {
    const entries = [
      { key: 'x', value: 'y z' },
      { key: 'k-bin', value: 'AAEC/w==' },
    ];
    expect(fromGrpcMetadata(toGrpcMetadata(entries))).toEqual(entries);
  });
});
