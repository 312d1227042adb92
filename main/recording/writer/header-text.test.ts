import { describe, expect, it } from 'vitest';
import { exampleSchema } from '../recording.testkit.js';
import { recordingHeaderFor } from './call-recorder.js';
import type { RecordingHeader } from '../../../shared/recording/index.js';
import { headerText } from './header-line.js';

const schema = exampleSchema();
const METHOD = '/example.ChatService/Chat';

describe("a recording header's line, its schema files serialized once per method", () => {
  it('shares one files array between the recordings of a method', () => {
    const a = recordingHeaderFor({ registry: schema.registry, method: METHOD, target: 't' }, 'a');
    const b = recordingHeaderFor({ registry: schema.registry, method: METHOD, target: 'u' }, 'b');
    expect(a.files.length).toBeGreaterThan(0);
    expect(b.files).toBe(a.files);
    expect(Object.isFrozen(a.files)).toBe(true);
  });

  it('reads exactly as JSON.stringify writes it, whatever the metadata holds', () => {
    const header = recordingHeaderFor(
      {
        registry: schema.registry,
        method: METHOD,
        target: 't',
        metadata: [
          { key: 'x-files', value: '"files":0' },
          { key: '"files":0', value: '\\"files":0 ünï' },
        ],
        deadlineMs: 1500,
        schemaSource: 'example.proto',
      },
      'c',
    );
    for (let i = 0; i < 2; i++) expect(headerText(header)).toBe(`${JSON.stringify(header)}\n`);
    const unfrozen = { ...header, files: [...header.files] };
    expect(headerText(unfrozen)).toBe(`${JSON.stringify(unfrozen)}\n`);
  });
});

describe('a header line put together from its parts', () => {
  it('is what JSON.stringify writes, for headers that repeat, change, or stand in another order', () => {
    const base = recordingHeaderFor(
      { registry: schema.registry, method: METHOD, target: 't', schemaSource: 'example.proto' },
      'd',
    );
    const variants: RecordingHeader[] = [];
    const { startedAt: _startedAt, ...withoutStart } = base;
    const times = [
      0,
      1,
      2 ** 31 - 1,
      1_000_000_007,
      2 ** 31,
      1796578560032,
      999_999_999_999,
      2 ** 53 - 1,
      2 ** 53,
    ];
    for (const [i, startedAt] of [...times, 1.5, -3, NaN, 1e21].entries()) {
      const target = i % 3 === 0 ? 'dns:///ünï:443' : 't';
      variants.push(
        { ...base, startedAt },
        { ...base, startedAt, target },
        {
          ...base,
          startedAt,
          metadata: [{ key: 'k', value: `v${i} "q" \n é` }],
          deadlineMs: i * 7.5,
        },
        { ...base, startedAt, schemaSource: undefined, deadlineMs: undefined },
        { ...base, startedAt, replayOf: `r${i}.ndjson`, secrets: ['token'] },
        { ...base, startedAt, method: '/a.B/C', kind: 'unary', requestType: 'a.X' },
        { ...base, startedAt, version: 2 },
        { startedAt, ...withoutStart }, // another order: stringified whole
        { ...base, startedAt, files: [...base.files] }, // not frozen
      );
      const { schemaSource: _s, ...withoutSource } = base;
      variants.push({ ...withoutSource, startedAt });
    }
    for (const header of [...variants, ...variants.reverse()])
      expect(headerText(header)).toBe(`${JSON.stringify(header)}\n`);
  });

  it('names the secrets a reused array holds now, not those it held at the header before', () => {
    const secrets = ['a'];
    const header = recordingHeaderFor(
      { registry: schema.registry, method: METHOD, target: 't' },
      'e',
    );
    const first = { ...header, replayOf: 'r.ndjson', secrets };
    expect(headerText(first)).toBe(`${JSON.stringify(first)}\n`);
    secrets.push('b');
    const second = { ...header, replayOf: 'r.ndjson', secrets };
    expect(headerText(second)).toContain('"secrets":["a","b"]');
    expect(headerText(second)).toBe(`${JSON.stringify(second)}\n`);
  });
});
