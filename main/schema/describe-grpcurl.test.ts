import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { wellKnownIncludes } from '../codec/protoc.testkit.js';
import { describeSymbol, loadDescriptorSet, loadProtoFiles, type LoadedSchema } from './index.js';

// The .grpcurl.txt files are what grpcurl 1.9.3 printed for `describe SYMBOL` of each symbol below,
// one after another, against a descriptor set protoc made from the .proto beside them
// (`protoc --include_imports --include_source_info`).
const testdata = join(import.meta.dirname, 'testdata', 'describe');
const work = mkdtempSync(join(tmpdir(), 'gwb-describe-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function compiled(proto: string): LoadedSchema {
  const out = join(work, `${proto}.protoset`);
  execFileSync('protoc', [
    '--include_imports',
    '--include_source_info',
    `--descriptor_set_out=${out}`,
    '-I',
    testdata,
    ...wellKnownIncludes(),
    proto,
  ]);
  return loadDescriptorSet(readFileSync(out), out);
}

function describedAll(schema: LoadedSchema, symbols: string[]): string {
  return symbols.map((s) => `${describeSymbol(schema, s)}\n`).join('');
}

describe('describe prints what grpcurl prints', () => {
  it('methods with google.api.http options, enum values, a oneof, map entry types, nested types', () => {
    const symbols = [
      't.Svc',
      't.Svc.Get',
      't.Color.RED',
      't.RED',
      't.Req.pick',
      't.Req.CountsEntry',
      't.Req.ByIdEntry',
      't.Req.Inner.Kind',
      't.Req.Inner',
    ];
    expect(describedAll(compiled('options.proto'), symbols)).toBe(
      readFileSync(join(testdata, 'options.grpcurl.txt'), 'utf8'),
    );
  });

  it('proto2: custom options of every kind, defaults, groups, extensions, ranges, aliases', () => {
    const symbols = ['o.Thing', 'o.E', 'o.S.M', 'o.Thing.Grp', 'o.Thing.grp', 'o.ext', 'o.E1B'];
    expect(describedAll(compiled('proto2.proto'), symbols)).toBe(
      readFileSync(join(testdata, 'proto2.grpcurl.txt'), 'utf8'),
    );
  });

  it('keeps custom and standard options of .proto files loaded without protoc', () => {
    const googleapis = wellKnownIncludes()[1]!;
    const fromSource = loadProtoFiles({
      files: ['options.proto', 'proto2.proto'],
      importPaths: [testdata, googleapis],
    });
    const grpcurlText = (file: string, symbol: string): string => {
      const text = readFileSync(join(testdata, file), 'utf8');
      const start = text.indexOf(`${symbol} is a method:\n`);
      return text.slice(start, text.indexOf('\n}\n', start) + 2);
    };
    expect(describeSymbol(fromSource, 't.Svc.Get')).toBe(
      grpcurlText('options.grpcurl.txt', 't.Svc.Get'),
    );
    expect(describeSymbol(fromSource, 'o.S.M')).toBe(grpcurlText('proto2.grpcurl.txt', 'o.S.M'));
    expect(describeSymbol(fromSource, 'o.Thing')).toContain(
      'message Thing {\n  option deprecated = true;\n  option (.o.secret) = true;\n',
    );
  });

  it('field options: sorted by name, on one line up to 50 characters', () => {
    expect(`${describeSymbol(compiled('fieldopts.proto'), 'b.M')}\n`).toBe(
      readFileSync(join(testdata, 'fieldopts.grpcurl.txt'), 'utf8'),
    );
  });

  it('googleapis services and messages: option literals on one line or split as protoprint splits them', () => {
    const googleapis = wellKnownIncludes()[1]!;
    const cases: [string, string, string][] = [
      [
        'google/cloud/secretmanager/v1/resources.proto',
        'google.cloud.secretmanager.v1.Secret',
        'secretmanager-secret',
      ],
      ['google/pubsub/v1/pubsub.proto', 'google.pubsub.v1.AcknowledgeRequest', 'pubsub-ack'],
      [
        'google/cloud/secretmanager/v1/service.proto',
        'google.cloud.secretmanager.v1.SecretManagerService',
        'secretmanager',
      ],
      ['google/firestore/v1/firestore.proto', 'google.firestore.v1.Firestore', 'firestore'],
      ['google/pubsub/v1/pubsub.proto', 'google.pubsub.v1.Publisher', 'pubsub'],
    ];
    for (const [proto, service, name] of cases) {
      const out = join(work, `${name}.protoset`);
      execFileSync('protoc', [
        '--include_imports',
        '--include_source_info',
        `--descriptor_set_out=${out}`,
        '-I',
        googleapis,
        proto,
      ]);
      const schema = loadDescriptorSet(readFileSync(out), out);
      expect(`${describeSymbol(schema, service)}\n`, name).toBe(
        readFileSync(join(testdata, `${name}.grpcurl.txt`), 'utf8'),
      );
    }
  });
});
