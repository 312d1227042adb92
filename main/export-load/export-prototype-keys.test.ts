// A metadata row named like what every object has (`__proto__`, `constructor`) is exported as any
// other. sentMetadata assigned rows into a plain object, where `__proto__` set the prototype and
// the row was missing from `gwb export k6|ghz`; a k6 script's `"__proto__": …` would do the same.
import { describe, expect, it } from 'vitest';
import type { RequestDocument } from '../../shared/request/document.js';
import { sampleRequest } from '../workspace/workspace.testkit.js';
import { ghzConfig } from './ghz-config.js';
import { jsSource } from './js-literal.js';
import { k6Script } from './k6-script.js';

const request = (): RequestDocument =>
  sampleRequest({
    connection: { address: 'api.example.com:443', security: { kind: 'plaintext' } },
    schema: { kind: 'protoFiles', files: ['example.proto'], importPaths: ['protos'] },
    method: '/example.UserService/GetUser',
    messages: [{ id: '7' }],
    metadata: [
      { key: '__proto__', value: 's-proto' },
      { key: 'constructor', value: 's-constructor' },
      { key: 'x-off', value: 'no', enabled: false },
    ],
  });

/** The object a JS object literal written by jsSource makes when run. */
const evaluated = (source: string): object => new Function(`return ${source};`)() as object;

describe('metadata rows named __proto__ and constructor', () => {
  it('are in the ghz config, as keys', () => {
    const { metadata } = ghzConfig(request()) as { metadata: Record<string, string> };
    expect(Object.keys(metadata)).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(metadata)).toBe('{"__proto__":"s-proto","constructor":"s-constructor"}');
  });

  it('are in the k6 script, written so that running it keeps them as keys', () => {
    const script = k6Script(request());
    expect(script).toContain('["__proto__"]: "s-proto",');
    expect(script).toContain('"constructor": "s-constructor",');
    const metadata = evaluated(
      jsSource(
        Object.fromEntries([
          ['__proto__', 's-proto'],
          ['constructor', 's-constructor'],
        ]),
      ),
    );
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(Object.entries(metadata)).toEqual([
      ['__proto__', 's-proto'],
      ['constructor', 's-constructor'],
    ]);
  });
});
