import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { resourcePath } from '../resources.js';
import {
  CodecError,
  createMessageCodec,
  decodeStatusDetails,
  encodeStatusDetails,
} from './index.js';
import { compileRegistry, testdata } from './protoc.testkit.js';
import type { JsonValue } from '../../shared/calls/events.js';
import { wellKnownIncludes } from './protoc.testkit.js';

const schema = compileRegistry(testdata('codec_test.proto'));

/** Status bytes written by protoc itself from text format, so decoding is checked against a real encoder. */
function protocEncodedStatus(text: string): Uint8Array {
  return execFileSync(
    'protoc',
    [
      '--encode=google.rpc.Status',
      '-I',
      resourcePath('protos'),
      ...wellKnownIncludes(),
      'google/rpc/status.proto',
      'google/rpc/error_details.proto',
    ],
    { input: text },
  );
}

describe('decodeStatusDetails', () => {
  it('decodes every standard error detail type written by protoc', () => {
    const bytes = protocEncodedStatus(`
      code: 5
      message: "user 42 not found ☺"
      details { [type.googleapis.com/google.rpc.ResourceInfo] { resource_type: "user" resource_name: "42" owner: "o" description: "gone" } }
      details { [type.googleapis.com/google.rpc.BadRequest] { field_violations { field: "id" description: "must be > 0" } } }
      details { [type.googleapis.com/google.rpc.ErrorInfo] { reason: "NOPE" domain: "example.com" metadata { key: "k" value: "v" } } }
      details { [type.googleapis.com/google.rpc.RetryInfo] { retry_delay { seconds: 1 nanos: 500000000 } } }
      details { [type.googleapis.com/google.rpc.QuotaFailure] { violations { subject: "s" description: "d" } } }
      details { [type.googleapis.com/google.rpc.PreconditionFailure] { violations { type: "TOS" subject: "s" description: "d" } } }
      details { [type.googleapis.com/google.rpc.DebugInfo] { stack_entries: "a" stack_entries: "b" detail: "x" } }
      details { [type.googleapis.com/google.rpc.Help] { links { description: "docs" url: "https://example.com" } } }
      details { [type.googleapis.com/google.rpc.LocalizedMessage] { locale: "en-US" message: "Not found" } }
    `);
    const status = decodeStatusDetails(undefined, bytes);
    expect(status.code).toBe(5);
    expect(status.message).toBe('user 42 not found ☺');
    expect(status.details.map((d) => [d.type, d.value])).toEqual([
      [
        'google.rpc.ResourceInfo',
        { resourceType: 'user', resourceName: '42', owner: 'o', description: 'gone' },
      ],
      ['google.rpc.BadRequest', { fieldViolations: [{ field: 'id', description: 'must be > 0' }] }],
      ['google.rpc.ErrorInfo', { reason: 'NOPE', domain: 'example.com', metadata: { k: 'v' } }],
      ['google.rpc.RetryInfo', { retryDelay: '1.500s' }],
      ['google.rpc.QuotaFailure', { violations: [{ subject: 's', description: 'd' }] }],
      [
        'google.rpc.PreconditionFailure',
        { violations: [{ type: 'TOS', subject: 's', description: 'd' }] },
      ],
      ['google.rpc.DebugInfo', { stackEntries: ['a', 'b'], detail: 'x' }],
      ['google.rpc.Help', { links: [{ description: 'docs', url: 'https://example.com' }] }],
      ['google.rpc.LocalizedMessage', { locale: 'en-US', message: 'Not found' }],
    ]);
    for (const detail of status.details) expect(detail.raw.length).toBeGreaterThan(0);
  });

  it('decodes details whose type is in the loaded schema, and keeps unknown ones raw', () => {
    const address = createMessageCodec(schema, 'gwb.codectest.Address').encode({ zip: '12345' });
    const bytes = encodeStatusDetails(schema, {
      code: 3,
      message: 'bad',
      details: [{ type: 'gwb.codectest.Address', value: { zip: '12345' } }],
    });
    expect(decodeStatusDetails(schema, bytes).details).toEqual([
      {
        type: 'gwb.codectest.Address',
        value: { zip: '12345' },
        raw: Buffer.from(address).toString('base64'),
      },
    ]);
    // Without the schema the type is unknown: value null, bytes kept.
    expect(decodeStatusDetails(undefined, bytes).details).toEqual([
      { type: 'gwb.codectest.Address', value: null, raw: Buffer.from(address).toString('base64') },
    ]);
  });

  it('keeps a detail whose bytes do not parse as its type, as raw', () => {
    const bytes = protocEncodedStatus(
      `code: 2 details { type_url: "type.googleapis.com/google.rpc.ErrorInfo" value: "\\377\\377" }`,
    );
    expect(decodeStatusDetails(undefined, bytes).details).toEqual([
      { type: 'google.rpc.ErrorInfo', value: null, raw: '//8=' },
    ]);
  });

  it('round-trips through encodeStatusDetails', () => {
    const details: { type: string; value: JsonValue }[] = [
      { type: 'google.rpc.ErrorInfo', value: { reason: 'R', metadata: { a: 'b' } } },
      { type: 'google.rpc.RetryInfo', value: { retryDelay: '2s' } },
    ];
    const status = decodeStatusDetails(
      undefined,
      encodeStatusDetails(undefined, { code: 8, message: 'slow down', details }),
    );
    expect(status.code).toBe(8);
    expect(status.message).toBe('slow down');
    expect(status.details.map(({ type, value }) => ({ type, value }))).toEqual(details);
  });

  it('says where an encode input is wrong', () => {
    const run = () =>
      encodeStatusDetails(undefined, {
        code: 3,
        message: '',
        details: [{ type: 'google.rpc.BadRequest', value: { fieldViolations: [{ field: 1 }] } }],
      });
    expect(run).toThrow(CodecError);
    expect(run).toThrow(/details\[0\]\.fieldViolations\[0\]\.field/);
    expect(() =>
      encodeStatusDetails(undefined, {
        code: 3,
        message: '',
        details: [{ type: 'x.Nope', value: {} }],
      }),
    ).toThrow(/unknown detail type x\.Nope/);
  });

  it('rejects bytes that are not a google.rpc.Status', () => {
    expect(() => decodeStatusDetails(undefined, new Uint8Array([0x12, 0x09, 0x41]))).toThrow(
      /invalid wire data/,
    );
  });
});
