import { describe, it, expect } from 'vitest';
import type { RequestDocument } from '../../../shared/request/document.js';
import type { JsonValue } from '../../../shared/calls/events.js';
import { sampleRequest } from '../workspace.testkit.js';
import { makeLookup, substituteRequest, describeUnknown } from './substitute-request.js';
import { substituteText, variableNames } from './template.js';

const vars = makeLookup(
  new Map([
    ['host', 'localhost:50051'],
    ['id', '42'],
    ['token', 'T0K'],
  ]),
);

function request(over: Partial<RequestDocument> = {}): RequestDocument {
  return { ...sampleRequest(), ...over };
}

describe('variables', () => {
  it('substitutes address, authority, metadata, reflection headers and message strings (keys included)', () => {
    const { request: out, unknown } = substituteRequest(
      request({
        connection: {
          address: '{{host}}',
          security: { kind: 'plaintext' },
          authority: 'api-{{id}}.local',
        },
        metadata: [
          { key: 'authorization', value: 'Bearer {{ token }}' },
          { key: 'x-off', value: '{{missing}}', enabled: false },
        ],
        schema: { kind: 'reflection', metadata: [{ key: 'x-reflect', value: '{{token}}' }] },
        messages: [
          { id: '{{id}}', nested: { list: ['a{{id}}b', 7, true, null] }, '{{id}}': 'key' },
          { id: '{{token}}' },
        ],
      }),
      vars,
    );
    expect(unknown).toEqual([]);
    expect(out.connection).toEqual({
      address: 'localhost:50051',
      security: { kind: 'plaintext' },
      authority: 'api-42.local',
    });
    expect(out.metadata).toEqual([
      { key: 'authorization', value: 'Bearer T0K' },
      { key: 'x-off', value: '{{missing}}', enabled: false },
    ]);
    expect(out.schema).toEqual({
      kind: 'reflection',
      metadata: [{ key: 'x-reflect', value: 'T0K' }],
    });
    expect(out.messages).toEqual([
      { id: '42', nested: { list: ['a42b', 7, true, null] }, 42: 'key' },
      { id: 'T0K' },
    ]);
  });

  it('never evaluates code: expressions stay literal, prototype names are unknown', () => {
    const injections = [
      "{{constructor.constructor('return process')().exit(1)}}",
      '{{this.process.mainModule.require("child_process").execSync("id")}}',
      '{{ 7*7 }}',
      '{{#each x}}',
      '${process.exit()}',
    ];
    for (const text of injections)
      expect(substituteText(text, vars)).toEqual({ text, unknown: [] });
    for (const name of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'prototype',
      'constructor.constructor',
    ]) {
      expect(substituteText(`{{${name}}}`, vars)).toEqual({ text: `{{${name}}}`, unknown: [name] });
    }
    // A value is inserted once, literally: placeholders inside it are not expanded again.
    const nested = makeLookup(
      new Map([
        ['a', '{{b}}'],
        ['b', 'B'],
      ]),
    );
    expect(substituteText('{{a}}', nested).text).toBe('{{b}}');
    // A body key named __proto__ (as JSON.parse makes it) stays an ordinary key.
    const message = JSON.parse('{"__proto__": {"polluted": "{{id}}"}, "x": "{{id}}"}') as JsonValue;
    const { request: out } = substituteRequest(request({ messages: [message] }), vars);
    const body = out.messages[0];
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.keys(body as object)).toEqual(['__proto__', 'x']);
    expect(JSON.stringify(body)).toBe('{"__proto__":{"polluted":"42"},"x":"42"}');
  });

  it('reports every unknown variable with where it is used', () => {
    const { unknown } = substituteRequest(
      request({
        connection: { address: '{{nohost}}:{{port}}', security: { kind: 'plaintext' } },
        metadata: [
          { key: 'a', value: 'x' },
          { key: 'b', value: '{{tok}}' },
        ],
        messages: [{}, { user: { name: '{{who}}' }, tags: ['x', '{{tag}}'], 'odd key': '{{odd}}' }],
      }),
      vars,
    );
    expect(unknown).toEqual([
      { name: 'nohost', where: 'address' },
      { name: 'port', where: 'address' },
      { name: 'tok', where: 'header "b" (metadata[1].value)' },
      { name: 'who', where: 'messages[1].user.name' },
      { name: 'tag', where: 'messages[1].tags[1]' },
      { name: 'odd', where: 'messages[1]["odd key"]' },
    ]);
    expect(describeUnknown(unknown.slice(0, 2))).toBe(
      'unknown variables: {{nohost}} in address, {{port}} in address',
    );
  });

  it('computes dynamic values per use', () => {
    const a = substituteText('{{$uuid}} {{$uuid}}', vars).text.split(' ');
    expect(a[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a[0]).not.toBe(a[1]);
    const before = Math.floor(Date.now() / 1000);
    const ts = Number(substituteText('{{$timestamp}}', vars).text);
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(before + 2);
    const iso = substituteText('{{$isoTimestamp}}', vars).text;
    expect(new Date(iso).toISOString()).toBe(iso);
    for (let i = 0; i < 50; i++) {
      const n = substituteText('{{$randomInt}}', vars).text;
      expect(n).toMatch(/^\d+$/);
      expect(Number(n)).toBeLessThanOrEqual(1000);
    }
    expect(substituteText('{{$nope}}', vars).unknown).toEqual(['$nope']);
    expect(variableNames('{{a}} {{ $uuid }} {{1+1}}')).toEqual(['a', '$uuid']);
  });
});
