import { describe, expect, it } from 'vitest';
import { formatMetadata, formatStatus, formatStatusJson, goCodeName } from './grpcurl-format.js';

describe('grpcurl output format', () => {
  it('names codes as grpc-go does', () => {
    expect([0, 1, 5, 16].map(goCodeName)).toEqual([
      'OK',
      'Canceled',
      'NotFound',
      'Unauthenticated',
    ]);
  });

  it('prints a status with numbered, indented details', () => {
    const text = formatStatus({
      code: 5,
      codeName: 'NOT_FOUND',
      message: 'user "7" not found',
      details: [
        {
          type: 'google.rpc.ResourceInfo',
          value: { resourceType: 'example.User', resourceName: 'users/7' },
          raw: '',
        },
        { type: 'acme.Unknown', value: null, raw: 'AQI=' },
      ],
    });
    expect(text).toBe(
      [
        'ERROR:',
        '  Code: NotFound',
        '  Message: user "7" not found',
        '  Details:',
        '  1)\t{',
        '    \t  "@type": "type.googleapis.com/google.rpc.ResourceInfo",',
        '    \t  "resourceType": "example.User",',
        '    \t  "resourceName": "users/7"',
        '    \t}',
        '  2)\t{',
        '    \t  "@error": "acme.Unknown is not recognized; see @value for raw binary message data",',
        '    \t  "@type": "type.googleapis.com/acme.Unknown",',
        '    \t  "@value": "AQI="',
        '    \t}',
        '',
      ].join('\n'),
    );
  });

  it('prints -format-error as google.rpc.Status JSON', () => {
    expect(
      JSON.parse(
        formatStatusJson({ code: 3, codeName: 'INVALID_ARGUMENT', message: 'bad', details: [] }),
      ),
    ).toEqual({
      code: 3,
      message: 'bad',
    });
  });

  it('prints metadata sorted by key, (empty) when there is none', () => {
    expect(formatMetadata([])).toBe('(empty)');
    expect(
      formatMetadata([
        { key: 'b', value: '2' },
        { key: 'a', value: '1' },
        { key: 'b', value: '3' },
      ]),
    ).toBe('a: 1\nb: 2\nb: 3');
  });
});
