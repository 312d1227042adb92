import * as grpc from '@grpc/grpc-js';
import type { IncomingHttpHeaders } from 'node:http2';
import { describe, expect, it } from 'vitest';
import type { MetadataEntry } from '../../shared/calls/events.js';
import { fromGrpcMetadata } from '../metadata/index.js';
import { HeaderBlockDecoder } from './passive/header-block.js';
import { literal } from './passive/hand-frames.testkit.js';
import { REDACTED, requestMetadataOf, responseHeadersOf, trailersOf } from './wire-metadata.js';

/** What the recordings must say: grpc-js's own reading of the headers, credentials masked. */
function reference(headers: IncomingHttpHeaders, drop: string[]): MetadataEntry[] {
  const metadata = grpc.Metadata.fromHttp2Headers(headers);
  for (const key of drop) metadata.remove(key);
  return fromGrpcMetadata(metadata).map(({ key, value }) => {
    if (!['authorization', 'proxy-authorization', 'cookie', 'set-cookie'].includes(key))
      return { key, value };
    const scheme = key.endsWith('authorization') ? /^(\w+) +\S/.exec(value)?.[1] : undefined;
    return { key, value: scheme ? `${scheme} ${REDACTED}` : REDACTED };
  });
}

const readers = [
  {
    name: 'request',
    read: requestMetadataOf,
    drop: [
      'content-type',
      'te',
      'user-agent',
      'grpc-timeout',
      'grpc-encoding',
      'grpc-accept-encoding',
      'accept-encoding',
    ],
  },
  {
    name: 'response headers',
    read: responseHeadersOf,
    drop: ['grpc-encoding', 'grpc-accept-encoding'],
  },
  { name: 'trailers', read: trailersOf, drop: ['grpc-status', 'grpc-message'] },
];

const headerSets: Record<string, IncomingHttpHeaders> = {
  'a usual request': {
    ':method': 'POST',
    ':path': '/bench.Bench/Unary',
    ':scheme': 'http',
    ':authority': '127.0.0.1:5000',
    'content-type': 'application/grpc',
    'user-agent': 'grpc-node-js/1.12.0',
    'grpc-accept-encoding': 'identity,deflate,gzip',
    'grpc-timeout': '99m',
    te: 'trailers',
    'x-request-id': 'abc-123',
  },
  'trailers with details': {
    'grpc-status': '5',
    'grpc-message': 'not%20found',
    'grpc-status-details-bin': 'CAUSCW5vdCBmb3VuZA',
  },
  'repeated keys and -bin values': {
    'x-many': ['one', 'two'],
    'x-trace-bin': 'AAEC, AwQF,BgcI',
    'x-list-bin': ['AAEC', 'AwQ'],
    'grpc-tags-bin': 'AAEC,AwQF',
    'x-odd-bin': 'not base64!',
  },
  credentials: {
    authorization: 'Bearer s3cr3t',
    cookie: 'a=1; b=2',
    'set-cookie': ['a=1', 'b=2'],
    'proxy-authorization': 'Basic dXNlcjpwYXNz',
  },
  'a key in capitals (grpc-js lowers and merges it)': {
    'X-Mixed': 'upper',
    'x-mixed': 'lower',
    'x-after': 'kept after',
  },
  'a value grpc-js refuses (dropped with the rest kept)': {
    'x-good': 'fine',
    'x-bad': 'caf\u00e9',
    'x-bad-list': ['ok', 'tab\there'],
    'x-last': 'still here',
  },
  'a refused value on a dropped key': { 'user-agent': 'caf\u00e9', 'x-kept': 'yes' },
  'a key with characters grpc-js refuses': { 'x good': 'space', 'x-ok': 'ok', 'a:b': 'colon' },
  'numeric and empty': { '123': 'digits first', 'x-empty': '', 'x-spaces': '  padded  ' },
};

describe('the metadata read off a header block', () => {
  for (const [what, headers] of Object.entries(headerSets))
    for (const { name, read, drop } of readers)
      it(`${what}: ${name} as grpc-js reads them`, () => {
        // grpc-js logs what it refuses; the reading must not differ for it.
        const errors = process.stderr.write;
        process.stderr.write = () => true;
        try {
          expect(read(headers)).toEqual(reference(headers, drop));
        } finally {
          process.stderr.write = errors;
        }
      });

  it('masks a bearer token and keeps its scheme', () => {
    expect(requestMetadataOf({ authorization: 'Bearer s3cr3t' })).toEqual([
      { key: 'authorization', value: `Bearer ${REDACTED}` },
    ]);
  });
});

describe('headers named like something an object inherits', () => {
  const blocks: [string, [string, string][]][] = [
    ['constructor', [['constructor', 'x']]],
    [
      '__proto__ twice, then length',
      [
        ['__proto__', 'a'],
        ['__proto__', 'b'],
        ['length', '1'],
      ],
    ],
    [
      'toString',
      [
        ['tostring', 'lower'],
        ['x-after', 'kept'],
      ],
    ],
  ];
  const block = (fields: [string, string][]): Buffer =>
    Buffer.concat(fields.map(([n, v]) => literal(n, v)));
  for (const [what, fields] of blocks)
    for (const { name, read, drop } of readers)
      it(`${what}: ${name} are the fields as sent, text only`, () => {
        const headers = new HeaderBlockDecoder().decode(block(fields));
        const entries = read(headers);
        expect(entries.every((entry) => typeof entry.value === 'string')).toBe(true);
        // As sent (grpc-js's own toJSON would lose a `__proto__` key: it builds on {}).
        expect(entries).toEqual(
          fields.filter(([key]) => !drop.includes(key)).map(([key, value]) => ({ key, value })),
        );
      });

  it('a value that is not text (an inherited function, a number) is never an entry', () => {
    // What a headers object built on {} gave for `constructor: x` and `__proto__` twice.
    const headers = {
      constructor: [Object, 'x'],
      length: 3,
      'x-ok': 'ok',
    } as unknown as IncomingHttpHeaders;
    for (const { read } of readers) expect(read(headers)).toEqual([{ key: 'x-ok', value: 'ok' }]);
  });
});

describe('a header block sent again', () => {
  it('is read once: its frozen headers give the same (frozen) entries, masked as before', () => {
    const block = Object.freeze({
      'content-type': 'application/grpc',
      authorization: 'Bearer s3cr3t',
      'x-tenant': 'a',
    }) as IncomingHttpHeaders;
    const first = requestMetadataOf(block);
    expect(requestMetadataOf(block)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toEqual([
      { key: 'authorization', value: `Bearer ${REDACTED}` },
      { key: 'x-tenant', value: 'a' },
    ]);
    // Each reader drops its own keys: the same block read as trailers is read apart.
    expect(trailersOf(block)).not.toBe(first);
  });

  it('headers that may still change (not frozen) are read every time', () => {
    const headers: IncomingHttpHeaders = { 'x-tenant': 'a' };
    const first = responseHeadersOf(headers);
    headers['x-tenant'] = 'b';
    expect(responseHeadersOf(headers)).toEqual([{ key: 'x-tenant', value: 'b' }]);
    expect(first).toEqual([{ key: 'x-tenant', value: 'a' }]);
  });
});
