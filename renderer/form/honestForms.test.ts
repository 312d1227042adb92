// Forms that never send what they do not show: the draft keeps what was typed, every scalar kind
// refuses what does not fit, a send is refused with the message and field named, Example fills
// realistic values, and the presence hint knows which fields cannot tell a default from unset.
import { describe, expect, it } from 'vitest';
import type { ScalarType } from '../../shared/schema/model.js';
import type { JsonValue } from '../../shared/calls/events.js';
import { kindsSchema } from './fixtureSchema.js';
import { checkScalarValue, textToDraft } from './scalars.js';
import { blockingIssues, refusedSend, validateMessage } from './validate.js';
import { exampleFor, isImplicitDefault } from './defaults.js';
import { findMessage } from './schemaLookup.js';
import { enumProblem } from '../components/form/EnumSelect.js';

const schema = kindsSchema();

// [kind, typed text, what the draft holds, the problem (null: accepted)]
const TABLE: [ScalarType, string, JsonValue | undefined, string | null][] = [
  ['int32', '42', 42, null],
  ['int32', '2147483648', '2147483648', 'out of range for int32'],
  ['int32', '1.5', '1.5', 'expected a whole number (int32)'],
  ['sint32', '-2147483649', '-2147483649', 'out of range for sint32'],
  ['sfixed32', 'x', 'x', 'expected a whole number (sfixed32)'],
  ['uint32', '-1', '-1', 'out of range for uint32'],
  ['fixed32', '4294967295', 4294967295, null],
  ['fixed32', '4294967296', '4294967296', 'out of range for fixed32'],
  ['int64', '9007199254740993', '9007199254740993', null],
  ['int64', '12a', '12a', 'expected a whole number (int64)'],
  ['int64', '9223372036854775808', '9223372036854775808', 'out of range for int64'],
  ['sint64', '-9223372036854775808', '-9223372036854775808', null],
  ['sfixed64', '1e3', '1e3', 'expected a whole number (sfixed64)'],
  ['uint64', '-5', '-5', 'out of range for uint64'],
  ['fixed64', '18446744073709551616', '18446744073709551616', 'out of range for fixed64'],
  ['double', '2.5e-3', 0.0025, null],
  ['double', 'NaN', 'NaN', null],
  ['double', 'two', 'two', 'expected a number (double)'],
  ['float', '1e39', '1e39', 'out of range for float'],
  ['bool', 'true', true, null],
  ['bool', 'yes', 'yes', 'expected true or false'],
  ['string', '', '', null],
  ['string', ' keep spaces ', ' keep spaces ', null],
  ['bytes', 'aGk=', 'aGk=', null],
  ['bytes', 'not base64!', 'not base64!', 'expected base64'],
  ['int32', '', undefined, null],
];

describe('every scalar kind: typed text → draft → problem', () => {
  it.each(TABLE)('%s typed %j', (kind, text, draft, problem) => {
    const value = textToDraft(kind, text);
    expect(value).toEqual(draft);
    const found = value === undefined ? null : checkScalarValue(kind, value);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  it('values from JSON of the wrong JSON type are refused, never read as a default', () => {
    expect(checkScalarValue('string', 5)).toBe('expected a string');
    expect(checkScalarValue('bool', 'true')).toBe('expected true or false');
    expect(checkScalarValue('int32', true)).toContain('expected a number');
    expect(checkScalarValue('int64', null)).toContain('expected a number as a string');
    expect(checkScalarValue('bytes', 1)).toBe('expected a base64 string');
  });
});

describe('a send the schema refuses', () => {
  it('names the field (and in a list, the message); an unknown field does not block', () => {
    const ok = { name: 'a', unknownField: 1 };
    expect(refusedSend(schema, 'kinds.All', [ok], 'request')).toBeNull();
    const bad = { inner: { score: 'many' } };
    expect(refusedSend(schema, 'kinds.All', [bad], 'request')).toEqual({
      index: 0,
      problem: 'Not sent: inner.score: expected a whole number (uint64)',
    });
    expect(refusedSend(schema, 'kinds.All', [ok, ok, bad, bad], 'stream')).toEqual({
      index: 2,
      problem: 'Message 3: inner.score: expected a whole number (uint64)',
    });
  });

  it('refuses an unknown enum name, a bad Timestamp/Duration, a message of the wrong shape', () => {
    const problems = (v: JsonValue): string[] =>
      blockingIssues(validateMessage(schema, 'kinds.All', v)).map((i) => i.message);
    expect(problems({ color: 'PURPLE' })[0]).toContain('expected one of');
    expect(problems({ at: 'yesterday' })[0]).toContain('RFC 3339');
    expect(problems({ wait: '5 minutes' })[0]).toContain('duration');
    expect(problems({ inner: 'x' })[0]).toContain('expected an object');
    expect(problems({ tags: 'x' })[0]).toContain('expected an array');
    expect(problems({ byId: { 1: 'x' } })[0]).toContain('expected an object');
    expect(problems({ count: '7', bigId: '7' })).toEqual([]);
  });
});

describe('Example', () => {
  const now = new Date('2026-12-05T07:00:00.123Z');
  const ex = exampleFor(schema, 'kinds.All', 3, now) as Record<string, JsonValue>;

  it('fills realistic values: names, ids, now, the first non-zero enum value', () => {
    expect(ex.name).toBe('Ada Lovelace');
    expect(ex.count).toBe(42);
    expect(ex.bigId).toBe('1001');
    expect(ex.flag).toBe(true);
    expect(ex.color).not.toBe('COLOR_UNSPECIFIED');
    expect(ex.at).toBe('2026-12-05T07:00:00Z');
    expect(ex.wait).toBe('1.5s');
    expect((ex.inner as Record<string, JsonValue>).id).toBe('id-1001');
  });

  it('puts one element in each list and map, one branch of a oneof, and stops recursing', () => {
    expect(ex.tags).toHaveLength(1);
    expect(ex.items).toHaveLength(1);
    expect(Object.keys(ex.labels as object)).toHaveLength(1);
    expect(Object.keys(ex.byId as object)).toHaveLength(1);
    expect('text' in ex && 'number' in ex).toBe(false);
    // kinds.All refers to itself: three levels, then no deeper.
    let depth = 0;
    for (let m: JsonValue | undefined = ex; m && typeof m === 'object'; depth++)
      m = (m as Record<string, JsonValue>).self;
    expect(depth).toBe(4);
    // Every value of the example is one the schema accepts.
    expect(blockingIssues(validateMessage(schema, 'kinds.All', ex))).toEqual([]);
  });
});

describe('the presence hint', () => {
  const f = (n: string) => findMessage(schema, 'kinds.All')!.fields.find((x) => x.name === n)!;
  it('is for fields without presence holding their default', () => {
    expect(isImplicitDefault(schema, f('count'), 0)).toBe(true);
    expect(isImplicitDefault(schema, f('big_id'), '0')).toBe(true);
    expect(isImplicitDefault(schema, f('name'), '')).toBe(true);
    expect(isImplicitDefault(schema, f('flag'), false)).toBe(true);
    expect(isImplicitDefault(schema, f('color'), 'COLOR_UNSPECIFIED')).toBe(true);
    expect(isImplicitDefault(schema, f('count'), 3)).toBe(false);
  });
  it('is not for fields that have presence (optional, oneof, message) nor lists', () => {
    expect(isImplicitDefault(schema, f('maybe'), 0)).toBe(false);
    expect(isImplicitDefault(schema, f('number'), 0)).toBe(false);
    expect(isImplicitDefault(schema, f('inner'), {})).toBe(false);
    expect(isImplicitDefault(schema, f('tags'), [])).toBe(false);
  });
});

describe('a {{variable}} is checked after substitution, never refused as typed', () => {
  // [field (JSON name), its kind, the value the draft holds]: the engine substitutes the text and
  // only then reads it as the field's type, so none of these may block Send.
  const HELD: [string, string, JsonValue][] = [
    ['count', 'int32', '{{x}}'],
    ['bigId', 'int64', '{{x}}'],
    ['flag', 'bool', '{{x}}'],
    ['color', 'enum', '{{x}}'],
    ['payload', 'bytes', '{{x}}'],
    ['at', 'Timestamp', '{{x}}'],
    ['wait', 'Duration', '{{ x }}'],
    ['ratio', 'double', '{{$randomInt}}'],
    ['nick', 'StringValue', '{{x}}'],
    ['wait', 'Duration', '{{seconds}}s'],
  ];
  it.each(HELD)('%s (%s) holding %j does not block', (key, _kind, value) => {
    expect(refusedSend(schema, 'kinds.All', [{ [key]: value }], 'request')).toBeNull();
    expect(validateMessage(schema, 'kinds.All', { [key]: value })).toEqual([]);
  });

  it('deep, in lists and map keys too', () => {
    const deep = { inner: { score: '{{n}}' }, items: [{ score: '{{n}}' }], byId: { '{{k}}': {} } };
    expect(validateMessage(schema, 'kinds.All', deep)).toEqual([]);
  });

  it('the form shows it as typed and the draft keeps the text', () => {
    expect(textToDraft('int32', '{{n}}')).toBe('{{n}}');
    expect(checkScalarValue('int32', '{{n}}')).toBeNull();
    const colors = schema.enums['kinds.Color']!.values;
    expect(enumProblem(colors, 'kinds.Color', '{{c}}')).toBeNull();
    expect(enumProblem(colors, 'kinds.Color', 'PURPLE')).toContain('is not a value of Color');
  });

  it('only what the engine substitutes counts: braces that are no placeholder are refused', () => {
    for (const notOne of ['{{}}', '{{1x}}', '{x}', '{{ a b }}', '{{x}'])
      expect(refusedSend(schema, 'kinds.All', [{ count: notOne }], 'request')).not.toBeNull();
    // A placeholder never makes a message of a string: the engine substitutes strings only.
    expect(refusedSend(schema, 'kinds.All', [{ inner: '{{x}}' }], 'request')).not.toBeNull();
  });
});

describe('what blocks a send is decided by the kind of issue, not its wording', () => {
  it('an unknown field is kind "unknown-field" and does not block; the rest do', () => {
    const issues = validateMessage(schema, 'kinds.All', {
      bogus: 1,
      count: 'x',
      text: 'a',
      number: 1,
    });
    expect(issues.map((i) => i.kind).sort()).toEqual(['oneof', 'unknown-field', 'value']);
    expect(
      blockingIssues(issues)
        .map((i) => i.kind)
        .sort(),
    ).toEqual(['oneof', 'value']);
    // Whatever an issue says, its kind decides.
    const reworded = issues.map((i) => ({ ...i, message: `unknown field ${i.message}` }));
    expect(blockingIssues(reworded)).toHaveLength(2);
  });
});
