import { describe, expect, it } from 'vitest';
import { parseGrpcurlArgs } from '../grpcurl/parse-args.js';
import { requestFromGrpcurl } from '../grpcurl/to-request.js';
import { ConnectionSchema, SecuritySchema } from './connection.js';
import { RequestDocumentSchema, RequestOptionsSchema, type RequestDocument } from './document.js';
import { MetadataRowSchema } from './metadata.js';
import { isPlainlyValidDocument, PLAIN_KEYS } from './plain-check.js';
import { SchemaSourceSpecSchema } from './schema-source.js';
import { LIMITS, TEXT } from './text-limits.js';

// The plain check stands in for RequestDocumentSchema on gwb's call path, so it must never pass a
// document the schema refuses. Each refused case below breaks one rule at its limit; a rule left
// out of the plain check lets its case through and fails here.
const base: RequestDocument = {
  name: 'GetUser',
  connection: { address: '127.0.0.1:50051', security: { kind: 'plaintext' } },
  method: '/example.UserService/GetUser',
  messages: [{ id: '1' }],
  metadata: [{ key: 'x-trace', value: 'on' }],
  options: {},
  notes: '',
};

type Change = (doc: RequestDocument) => unknown;
const conn =
  (fields: Record<string, unknown>): Change =>
  (d) => ({
    ...d,
    connection: { ...d.connection, ...fields },
  });
const tls = (fields: Record<string, unknown>): Change =>
  conn({ security: { kind: 'tls', ...fields } });
const text = (n: number): string => 'a'.repeat(n);
const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });
const row =
  (fields: Record<string, unknown>): Change =>
  (d) => ({
    ...d,
    metadata: [{ key: 'k', value: 'v', ...fields }],
  });

/** Documents the schema accepts, in the plain shapes flags make: the plain check must pass them. */
const ACCEPTED: [string, Change][] = [
  ['the base', (d) => d],
  ['name at its limit', (d) => ({ ...d, name: text(TEXT.name.max) })],
  ['no method', (d) => ({ ...d, method: '' })],
  ['address at its limit', conn({ address: text(TEXT.address.max) })],
  [
    'tls, every field',
    tls({
      caFile: 'ca.pem',
      certFile: 'c.pem',
      keyFile: 'k.pem',
      skipVerify: true,
      serverName: text(255),
    }),
  ],
  ['a file path at its limit', tls({ caFile: text(TEXT.filePath.max) })],
  ['authority, user agent, unix', conn({ authority: 'a', userAgent: 'u', unix: true })],
  [
    'numbers at their limits',
    conn({
      maxSendBytes: LIMITS.bytes,
      maxReceiveBytes: 1,
      keepaliveMs: LIMITS.keepaliveMs,
      connectTimeoutMs: LIMITS.connectTimeoutMs,
    }),
  ],
  ['a compression', conn({ compression: 'gzip' })],
  ['deadline at its limit', (d) => ({ ...d, deadlineMs: LIMITS.deadlineMs })],
  ['messages 128 objects deep', (d) => ({ ...d, messages: [nested(128)] })],
  ['no messages, no metadata', (d) => ({ ...d, messages: [], metadata: [] })],
  ['a disabled row', row({ enabled: false })],
  [
    'metadata at its limits',
    row({ key: text(TEXT.metadataKey.max), value: text(TEXT.metadataValue.max) }),
  ],
  [
    'reflection headers',
    (d) => ({ ...d, schema: { kind: 'reflection', metadata: [{ key: 'k', value: 'v' }] } }),
  ],
  [
    'proto files',
    (d) => ({ ...d, schema: { kind: 'protoFiles', files: ['a.proto'], importPaths: [] } }),
  ],
  ['descriptor sets', (d) => ({ ...d, schema: { kind: 'descriptorSet', files: ['a.pb'] } })],
  ['options', (d) => ({ ...d, options: { emitDefaults: true, allowUnknownFields: false } })],
];

/** Documents the schema refuses: the plain check must not pass any. */
const REFUSED: [string, Change][] = [
  ['an empty name', (d) => ({ ...d, name: '' })],
  ['a long name', (d) => ({ ...d, name: text(TEXT.name.max + 1) })],
  ['a method that is no path', (d) => ({ ...d, method: 'example.UserService/GetUser' })],
  ['a long method', (d) => ({ ...d, method: `/a.B/${text(TEXT.method.max)}` })],
  ['an unknown key', (d) => ({ ...d, extra: 1 })],
  ['a long address', conn({ address: text(TEXT.address.max + 1) })],
  ['an unknown connection key', conn({ port: 1 })],
  ['plaintext with a TLS field', conn({ security: { kind: 'plaintext', skipVerify: true } })],
  ['an unknown security kind', conn({ security: { kind: 'ssl' } })],
  ['an empty file path', tls({ caFile: '' })],
  ['a long file path', tls({ certFile: text(TEXT.filePath.max + 1) })],
  ['a NUL in a path', tls({ keyFile: 'a\0b' })],
  ['skipVerify not a boolean', tls({ skipVerify: 'yes' })],
  ['a long server name', tls({ serverName: text(TEXT.serverName.max + 1) })],
  ['an empty authority', conn({ authority: '' })],
  ['a long authority', conn({ authority: text(TEXT.authority.max + 1) })],
  ['an empty user agent', conn({ userAgent: '' })],
  ['a long user agent', conn({ userAgent: text(TEXT.userAgent.max + 1) })],
  ['unix not a boolean', conn({ unix: 1 })],
  ['too many bytes', conn({ maxReceiveBytes: LIMITS.bytes + 1 })],
  ['zero send bytes', conn({ maxSendBytes: 0 })],
  ['a fraction of a keepalive', conn({ keepaliveMs: 1.5 })],
  ['a long connect timeout', conn({ connectTimeoutMs: LIMITS.connectTimeoutMs + 1 })],
  ['an unknown compression', conn({ compression: 'br' })],
  ['a proxy (not a plain shape)', conn({ proxy: 'nope' })],
  ['a protocol (not a plain shape)', conn({ protocol: { kind: 'rest' } })],
  ['a long deadline', (d) => ({ ...d, deadlineMs: LIMITS.deadlineMs + 1 })],
  ['a negative deadline', (d) => ({ ...d, deadlineMs: -1 })],
  ['a deadline that is not a number', (d) => ({ ...d, deadlineMs: Number.NaN })],
  ['messages 129 objects deep', (d) => ({ ...d, messages: [nested(129)] })],
  ['a message with NaN', (d) => ({ ...d, messages: [{ n: Number.NaN }] })],
  ['a message that is a Date', (d) => ({ ...d, messages: [new Date(0)] })],
  ['too many messages', (d) => ({ ...d, messages: new Array(LIMITS.messages + 1).fill({}) })],
  [
    'too many rows',
    (d) => ({ ...d, metadata: new Array(LIMITS.metadataRows + 1).fill({ key: 'k', value: 'v' }) }),
  ],
  ['a long metadata key', row({ key: text(TEXT.metadataKey.max + 1) })],
  ['a long metadata value', row({ value: text(TEXT.metadataValue.max + 1) })],
  ['enabled not a boolean', row({ enabled: 'no' })],
  ['an unknown row key', row({ note: 'x' })],
  ['no proto file', (d) => ({ ...d, schema: { kind: 'protoFiles', files: [], importPaths: [] } })],
  [
    'too many import paths',
    (d) => ({
      ...d,
      schema: {
        kind: 'protoFiles',
        files: ['a.proto'],
        importPaths: new Array(LIMITS.importPaths + 1).fill('p'),
      },
    }),
  ],
  [
    'an empty descriptor set path',
    (d) => ({ ...d, schema: { kind: 'descriptorSet', files: [''] } }),
  ],
  [
    'too many reflection rows',
    (d) => ({
      ...d,
      schema: {
        kind: 'reflection',
        metadata: new Array(LIMITS.metadataRows + 1).fill({ key: 'k', value: 'v' }),
      },
    }),
  ],
  ['an unknown schema kind', (d) => ({ ...d, schema: { kind: 'grpcurl' } })],
  ['a null schema', (d) => ({ ...d, schema: null })],
  ['a schema that is a word', (d) => ({ ...d, schema: 'reflection' })],
  ['an unknown option', (d) => ({ ...d, options: { pretty: true } })],
  ['an option not a boolean', (d) => ({ ...d, options: { emitDefaults: 1 } })],
  ['long notes', (d) => ({ ...d, notes: text(TEXT.notes.max + 1) })],
];

const verdicts = (change: Change) => {
  const doc = change(base) as RequestDocument;
  return {
    plain: isPlainlyValidDocument(doc),
    schema: RequestDocumentSchema.safeParse(doc).success,
  };
};

describe('the plain document check', () => {
  it.each(ACCEPTED)('passes %s, as the schema does', (_, change) => {
    expect(verdicts(change)).toEqual({ plain: true, schema: true });
  });

  it.each(REFUSED)('leaves %s to the schema, which refuses it', (_, change) => {
    expect(verdicts(change)).toEqual({ plain: false, schema: false });
  });

  // Every nested position that holds an object or a list, given each value that is not one: the
  // check answers false (the schema names the problem), it never throws.
  const NOT_OBJECTS: unknown[] = [null, 'x', 0, true, [], 1n, Symbol('s'), () => 1];
  const NOT_LISTS: unknown[] = [null, 'x', 0, true, {}, 1n, Symbol('s'), () => 1, 'abc'];
  const schema =
    (source: unknown): Change =>
    (d) => ({ ...d, schema: source });
  const POSITIONS: [string, unknown[], (v: unknown) => Change][] = [
    ['the document', [undefined, ...NOT_OBJECTS], (v) => () => v],
    ['connection', [undefined, ...NOT_OBJECTS], (v) => (d) => ({ ...d, connection: v })],
    ['security', [undefined, ...NOT_OBJECTS], (v) => conn({ security: v })],
    ['options', [undefined, ...NOT_OBJECTS], (v) => (d) => ({ ...d, options: v })],
    ['messages', [undefined, ...NOT_LISTS], (v) => (d) => ({ ...d, messages: v })],
    ['metadata', [undefined, ...NOT_LISTS], (v) => (d) => ({ ...d, metadata: v })],
    ['a metadata row', [undefined, ...NOT_OBJECTS], (v) => (d) => ({ ...d, metadata: [v] })],
    ['schema', NOT_OBJECTS, schema],
    ['reflection rows', NOT_LISTS, (v) => schema({ kind: 'reflection', metadata: v })],
    ['a reflection row', NOT_OBJECTS, (v) => schema({ kind: 'reflection', metadata: [v] })],
    ['proto files', NOT_LISTS, (v) => schema({ kind: 'protoFiles', files: v, importPaths: [] })],
    [
      'import paths',
      NOT_LISTS,
      (v) => schema({ kind: 'protoFiles', files: ['a'], importPaths: v }),
    ],
    ['descriptor sets', NOT_LISTS, (v) => schema({ kind: 'descriptorSet', files: v })],
  ];
  it.each(POSITIONS)('answers false, never throws, for %s that is none', (_, values, at) => {
    for (const value of values) {
      const doc = at(value)(base) as RequestDocument;
      const seen = { value: typeof value, plain: isPlainlyValidDocument(doc) };
      expect(seen).toEqual({ value: typeof value, plain: false });
      expect(RequestDocumentSchema.safeParse(doc).success).toBe(false);
    }
  });

  it('does not vouch for what it does not know, even when the schema accepts it', () => {
    const withAuth = { ...base, auth: { type: 'none' } } as RequestDocument;
    expect(RequestDocumentSchema.safeParse(withAuth).success).toBe(true);
    expect(isPlainlyValidDocument(withAuth)).toBe(false);
    const undefinedKey = { ...base, deadlineMs: undefined };
    expect(isPlainlyValidDocument(undefinedKey)).toBe(false);
    // The schema accepts an object without a prototype, but gives back one with: another value.
    const bareOptions = { ...base, options: withoutPrototype({}) } as RequestDocument;
    expect(RequestDocumentSchema.safeParse(bareOptions).success).toBe(true);
    expect(isPlainlyValidDocument(bareOptions)).toBe(false);
  });

  it('passes what grpcurl-style command lines give', () => {
    const lines = [
      ['-plaintext', '-d', '{"id":"1"}', 'h:1', 'example.UserService/GetUser'],
      ['-insecure', '-H', 'a: b', '-rpc-header', 'c: d', '-max-time', '2.5', 'h:1', 'x.Y/Z'],
      [
        '-cacert',
        'ca.pem',
        '-servername',
        's',
        '-authority',
        'a',
        '-user-agent',
        'u',
        'h:1',
        'x.Y/Z',
      ],
      ['-proto', 'a.proto', '-import-path', 'p', '-d', '{}', '-emit-defaults', 'h:1', 'x.Y/Z'],
      ['-protoset', 'a.pb', '-reflect-header', 'k: v', '-keepalive-time', '1', 'h:1', 'x.Y/Z'],
      [
        '-connect-timeout',
        '3',
        '-max-msg-sz',
        '100',
        '-unix',
        '-allow-unknown-fields',
        's',
        'x.Y/Z',
      ],
    ];
    for (const argv of lines) {
      const parsed = parseGrpcurlArgs(argv);
      const doc = requestFromGrpcurl(parsed, {
        address: parsed.positional[0] ?? '',
        method: parsed.positional[1] ?? '',
      });
      expect({ argv, plain: isPlainlyValidDocument(doc) }).toEqual({ argv, plain: true });
    }
  });
});

// Seeded, so a failure names a case that can be run again: the same cases on every run.
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

const overLimits = Object.values(TEXT).map((limits) => text(limits.max + 1));
const atLimits = Object.values(TEXT).map((limits) => text(limits.max));
const HOSTILE_TEXT = ['', 'a', 'a\0b', ' ', '/a.B/C', 'a.B/C', '\uD800', '\uDC00x', 'gzip', 'br'];
const HOSTILE_TEXT_ALL = [...HOSTILE_TEXT, 'tls', 'plaintext', '{{v}}', ...overLimits, ...atLimits];
const limitNumbers = Object.values(LIMITS).flatMap((n) => [n - 1, n, n + 1]);
const HOSTILE_NUMBERS = [0, -0, 1, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 53];
const HOSTILE_NUMBERS_ALL = [...HOSTILE_NUMBERS, ...limitNumbers];

function withoutPrototype(fields: object): object {
  return Object.assign(Object.create(null) as object, fields);
}

function hostileValue(random: () => number): unknown {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  return pick<() => unknown>([
    () => pick(HOSTILE_TEXT_ALL),
    () => pick(HOSTILE_NUMBERS_ALL),
    () => pick([true, false, null, undefined]),
    () => pick([{}, [], [{}], ['a'], [null], { kind: 'reflection' }]),
    // Shapes JSON never makes: a hole, a list with a named key, a symbol key.
    () => pick([new Array<unknown>(1), Object.assign(['a'], { x: 1 }), { [Symbol('k')]: 1 }]),
    // An object without a prototype, empty or a copy of a plain one: the schema's copy has one.
    () =>
      pick([
        Object.create(null),
        withoutPrototype({ kind: 'plaintext' }),
        withoutPrototype({ key: 'k', value: 'v' }),
      ]),
    () => new Date(0),
    () => 1n,
    () => Symbol('s'),
  ])();
}

/** A plain document of each kind the check passes, before mutation. */
function startingDocument(random: () => number): Record<string, unknown> {
  const doc = structuredClone(base) as unknown as Record<string, unknown>;
  if (random() < 0.4)
    doc.connection = {
      address: 'h:1',
      security: { kind: 'tls', caFile: 'a', certFile: 'c', keyFile: 'k', skipVerify: true },
    };
  const sources = [
    { kind: 'reflection' },
    { kind: 'reflection', metadata: [{ key: 'a', value: 'b' }] },
    { kind: 'protoFiles', files: ['a'], importPaths: ['p'] },
    { kind: 'descriptorSet', files: ['a'] },
  ];
  if (random() < 0.4) doc.schema = sources[Math.floor(random() * sources.length)];
  return doc;
}

/** Every field path of the schemas the check covers (plus keys no schema has). */
const FIELD_PATHS: string[][] = [
  ...[...PLAIN_KEYS.document, 'extra', 'auth'].map((key) => [key]),
  ...[...PLAIN_KEYS.connection, 'proxy', 'protocol', 'x'].map((key) => ['connection', key]),
  ...PLAIN_KEYS.tls.map((key) => ['connection', 'security', key]),
  ...[...PLAIN_KEYS.row, 'x'].map((key) => ['metadata', '0', key]),
  ...[...PLAIN_KEYS.options, 'x'].map((key) => ['options', key]),
  ...['kind', 'metadata', 'files', 'importPaths', 'x'].map((key) => ['schema', key]),
  ['schema', 'files', '0'],
  ['schema', 'importPaths', '0'],
  ['schema', 'metadata', '0', 'value'],
  ['messages', '0'],
  ['messages', '0', 'id'],
  ['metadata', '0'],
];

function setPath(doc: Record<string, unknown>, path: string[], value: unknown): void {
  let at = doc;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (typeof next !== 'object' || next === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[path.at(-1)!] = value;
}

describe('the plain check against the schema, on hostile documents', () => {
  it('never throws, and what it passes the schema passes unchanged (20k seeded cases)', () => {
    const random = randomFrom(26);
    let passed = 0;
    for (let n = 0; n < 20_000; n++) {
      const doc = startingDocument(random);
      const changes = 1 + Math.floor(random() * 3);
      for (let c = 0; c < changes; c++)
        setPath(doc, FIELD_PATHS[Math.floor(random() * FIELD_PATHS.length)]!, hostileValue(random));
      // A throw fails the test here, at the case that threw.
      if (!isPlainlyValidDocument(doc as RequestDocument)) continue;
      passed++;
      const parsed = RequestDocumentSchema.safeParse(doc);
      // Strict: the same prototypes, no holes, the same keys (symbols too) and values.
      expect(parsed.success ? parsed.data : parsed.error.issues, `case ${n}`).toStrictEqual(doc);
    }
    // The mutations leave enough documents plain for the implication to mean something.
    expect(passed).toBeGreaterThan(300);
  });
});

// Each key a schema has is either checked here or named as not plain (the caller asks the
// schema): a key added to a schema fails this until someone decides which.
const NOT_PLAIN: Partial<Record<keyof typeof PLAIN_KEYS, string[]>> = {
  document: ['auth', 'assertions', 'captures', 'snapshot'],
  connection: ['proxy', 'protocol'],
};

describe('the plain check against the schemas it stands in for', () => {
  const shapeKeys = (schema: unknown): string[] =>
    Object.keys((schema as { shape: Record<string, unknown> }).shape);
  const unionKeys = (schema: unknown, kind: string): string[] =>
    shapeKeys(
      (schema as { options: { shape: { kind: { value: string } } }[] }).options.find(
        (option) => option.shape.kind.value === kind,
      ),
    );
  const SHAPES: [keyof typeof PLAIN_KEYS, () => string[]][] = [
    ['document', () => shapeKeys(RequestDocumentSchema)],
    ['connection', () => shapeKeys(ConnectionSchema)],
    ['plaintext', () => unionKeys(SecuritySchema, 'plaintext')],
    ['tls', () => unionKeys(SecuritySchema, 'tls')],
    ['row', () => shapeKeys(MetadataRowSchema)],
    ['options', () => shapeKeys(RequestOptionsSchema)],
    ['reflection', () => unionKeys(SchemaSourceSpecSchema, 'reflection')],
    ['protoFiles', () => unionKeys(SchemaSourceSpecSchema, 'protoFiles')],
    ['descriptorSet', () => unionKeys(SchemaSourceSpecSchema, 'descriptorSet')],
  ];

  it.each(SHAPES)('lists every key of the %s schema, or names it not plain', (name, keys) => {
    const listed = [...PLAIN_KEYS[name], ...(NOT_PLAIN[name] ?? [])];
    expect(listed.sort()).toEqual(keys().sort());
  });

  it('covers every object the check knows', () => {
    expect(SHAPES.map(([name]) => name).sort()).toEqual(Object.keys(PLAIN_KEYS).sort());
  });
});
