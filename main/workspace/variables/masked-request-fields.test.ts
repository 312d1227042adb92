// A secret's value typed in clear into any text of a request (not through `{{name}}`) is masked
// wherever the request is kept or shown (masked-request.ts): auth values of every kind, TLS files
// and server name, schema sources, checks, snapshot paths (review29 SHOULD-3: no test failed
// when the auth masking was removed).
import { expect, it } from 'vitest';
import type { Auth } from '../../../shared/request/auth.js';
import type { SchemaSourceSpec } from '../../../shared/request/schema-source.js';
import { createSecretMask } from '../../calls/secret-mask.js';
import { sampleRequest } from '../workspace.testkit.js';
import { maskedRequest } from './masked-request.js';

const SECRET = 'Zq9sEcReT';
const mask = createSecretMask(new Map([['tok', SECRET]]))!;
const s = (label: string): string => `${label}-${SECRET}`;

const auths: Auth[] = [
  { type: 'bearer', token: s('t') },
  { type: 'basic', username: s('u'), password: s('p') },
  { type: 'apiKey', header: s('h'), value: s('v') },
  {
    type: 'oauth2',
    tokenUrl: s('https://x/'),
    clientId: s('c'),
    clientSecret: s('cs'),
    scope: s('sc'),
    audience: s('a'),
  },
];
const schemas: SchemaSourceSpec[] = [
  { kind: 'reflection', metadata: [{ key: s('k'), value: s('v') }] },
  { kind: 'protoFiles', files: [s('a.proto')], importPaths: [s('dir')] },
  { kind: 'descriptorSet', files: [s('a.pb')] },
];

it.each(auths.map((auth) => [auth.type, auth] as const))(
  'masks a secret typed into %s auth',
  (_type, auth) => {
    const masked = maskedRequest(sampleRequest({ auth }), mask);
    expect(JSON.stringify(masked)).not.toContain(SECRET);
    expect(masked.auth?.type).toBe(auth.type);
  },
);

it.each(schemas.map((schema) => [schema.kind, schema] as const))(
  'masks a secret typed into a %s schema source',
  (_kind, schema) => {
    expect(JSON.stringify(maskedRequest(sampleRequest({ schema }), mask))).not.toContain(SECRET);
  },
);

it('masks a secret typed into the connection, checks and snapshot texts', () => {
  const request = sampleRequest({
    name: s('n'),
    notes: s('notes'),
    connection: {
      address: s('host'),
      authority: s('auth'),
      userAgent: s('ua'),
      security: {
        kind: 'tls',
        caFile: s('ca'),
        certFile: s('cert'),
        keyFile: s('key'),
        serverName: s('sn'),
      },
      proxy: { url: s('http://p'), username: s('pu'), password: s('pp') },
    },
    metadata: [{ key: s('mk'), value: s('mv') }],
    messages: [{ [s('key')]: s('value') }],
    assertions: [{ expr: `x == "${SECRET}"`, name: s('an') }],
    captures: [{ name: 'tok2', expr: `"${SECRET}"` }],
    snapshot: { ignore: [s('path')] },
  });
  expect(JSON.stringify(request)).toContain(SECRET);
  expect(JSON.stringify(maskedRequest(request, mask))).not.toContain(SECRET);
});
