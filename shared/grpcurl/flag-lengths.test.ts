import { describe, expect, it } from 'vitest';
import { RequestDocumentSchema, type RequestDocument } from '../request/document.js';
import { GRPCURL_FLAGS } from './flag-table.js';
import type { FlagName, RequestMapping } from './flag-types.js';
import { parseGrpcurlArgs } from './parse-args.js';
import { browseTargetFromGrpcurl, requestFromGrpcurl } from './to-request.js';

// The table's maxLength repeats the document's text limits so `list` and `describe` (which build
// no document) refuse what a call refuses. These tests keep the two in step.
const LIMITED = (Object.keys(GRPCURL_FLAGS) as FlagName[]).flatMap((name) => {
  const max = (GRPCURL_FLAGS[name] as { maxLength?: number }).maxLength;
  return max === undefined ? [] : [{ name, max }];
});

/** -cert and -key need each other. */
const partner = (name: FlagName): string[] =>
  name === 'cert' ? ['-key', 'k.pem'] : name === 'key' ? ['-cert', 'c.pem'] : [];

const argsWith = (name: FlagName, value: string): string[] => [`-${name}`, value, ...partner(name)];

const base: RequestDocument = {
  name: 'x',
  connection: { address: 'localhost:1', security: { kind: 'tls' } },
  method: '/x.Y/Z',
  messages: [],
  metadata: [],
  options: {},
  notes: '',
};

/** The flag's value put into a document by its own mapping, with no length check on the way. */
function schemaAccepts(name: FlagName, value: string): boolean {
  const mapping = (GRPCURL_FLAGS[name] as { request?: RequestMapping<unknown> }).request;
  if (!mapping) throw new Error(`-${name} maps onto no document field`);
  const flags = parseGrpcurlArgs(argsWith(name, 'x')).flags;
  const given = Array.isArray(flags[name]) ? [value] : value;
  return RequestDocumentSchema.safeParse(mapping.apply(base, given as never, flags)).success;
}

describe('flag length limits', () => {
  it('covers the connection names and every file path', () => {
    expect(LIMITED.map((l) => l.name).sort()).toEqual(
      [
        'authority',
        'cacert',
        'cert',
        'import-path',
        'key',
        'proto',
        'protoset',
        'servername',
        'user-agent',
      ].sort(),
    );
  });

  it.each(LIMITED)("-$name's limit ($max) is the document's", ({ name, max }) => {
    if (name === 'import-path') {
      // -import-path lands in the document with -proto; check it through a whole command line.
      const at = (n: number) => () =>
        requestFromGrpcurl(parseGrpcurlArgs(['-proto', 'a.proto', '-import-path', 'd'.repeat(n)]), {
          address: 'localhost:1',
          method: 'x.Y/Z',
        });
      expect(at(max)).not.toThrow();
      expect(at(max + 1)).toThrow(`-import-path: longer than ${max} characters`);
      return;
    }
    expect(schemaAccepts(name, 'a'.repeat(max))).toBe(true);
    expect(schemaAccepts(name, 'a'.repeat(max + 1))).toBe(false);
  });

  it.each(LIMITED)(
    '-$name: a call and list/describe refuse the same value in the same words',
    ({ name, max }) => {
      const parsed = parseGrpcurlArgs(argsWith(name, 'a'.repeat(max + 1)));
      const words = `-${name}: longer than ${max} characters`;
      expect(() => browseTargetFromGrpcurl(parsed, 'localhost:1')).toThrow(words);
      expect(() => requestFromGrpcurl(parsed, { address: 'localhost:1', method: 'x.Y/Z' })).toThrow(
        words,
      );
    },
  );

  it('accepts a value of exactly the limit', () => {
    const parsed = parseGrpcurlArgs(['-authority', 'a'.repeat(255)]);
    expect(browseTargetFromGrpcurl(parsed, 'localhost:1').connection.authority).toHaveLength(255);
  });
});
