import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../output/grpcurl-format.js';
import { messageTemplate } from './index.js';
import { compileRegistry, testdata } from './protoc.testkit.js';

// The .template.json files are grpcurl 1.9.3's `-msg-template describe TYPE` output for the same
// protos (compiled by protoc): oneofs and proto3 optional fields left out, maps keyed by the zero
// key, proto2 defaults, grpcurl's notes in Struct/Value/ListValue, and null messages below a
// recursion.
const describeData = join(import.meta.dirname, '../schema/testdata/describe');
const grpcurlTemplate = (name: string): string =>
  readFileSync(join(describeData, `${name}.template.json`), 'utf8').trimEnd();

describe("messageTemplate in grpcurl's style", () => {
  it('proto3: oneof, maps, repeated, nested and recursive messages, enums, WKTs, bytes, int64', () => {
    const registry = compileRegistry(join(describeData, 'options.proto'));
    expect(formatMessage(messageTemplate(registry, 't.Req', 'grpcurl'))).toBe(
      grpcurlTemplate('t.Req'),
    );
  });

  it('proto2: declared defaults (int, string, enum, infinity) and a group', () => {
    const registry = compileRegistry(join(describeData, 'proto2.proto'));
    expect(formatMessage(messageTemplate(registry, 'o.Thing', 'grpcurl'))).toBe(
      grpcurlTemplate('o.Thing'),
    );
  });

  it("keeps the editor's template apart: one oneof branch, `key` map keys", () => {
    const registry = compileRegistry(testdata('codec_test.proto'));
    expect(messageTemplate(registry, 'gwb.codectest.Choice')).toEqual({ text: '', note: '' });
    expect(messageTemplate(registry, 'gwb.codectest.Choice', 'grpcurl')).toEqual({ note: '' });
  });
});
