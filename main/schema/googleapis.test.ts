import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSymbol, loadProtoFiles } from './index.js';

// The googleapis tree from the google-proto-files package: deep imports, google/api annotations
// extending descriptor.proto options, and google/protobuf/*.proto copies on disk beside them.
const googleapis = dirname(
  createRequire(import.meta.url).resolve('google-proto-files/package.json'),
);

describe('googleapis tree (google-proto-files)', () => {
  it('loads Cloud Natural Language v1 with its imports', () => {
    const { model, files } = loadProtoFiles({
      files: ['google/cloud/language/v1/language_service.proto'],
      importPaths: [googleapis],
    });
    const svc = model.services.find(
      (s) => s.fullName === 'google.cloud.language.v1.LanguageService',
    )!;
    expect(svc.methods.map((m) => m.name)).toContain('AnalyzeSentiment');
    expect(svc.comment).toMatch(/Provides text analysis operations/);
    const analyze = svc.methods.find((m) => m.name === 'AnalyzeSentiment')!;
    expect(analyze).toMatchObject({
      path: '/google.cloud.language.v1.LanguageService/AnalyzeSentiment',
      inputType: 'google.cloud.language.v1.AnalyzeSentimentRequest',
    });
    // Well-known files come from the embedded descriptors, never from the copies on disk.
    const descriptor = files.find((f) => f.name === 'google/protobuf/descriptor.proto')!;
    expect(descriptor.messageType.some((m) => m.name === 'MethodOptions')).toBe(true);
    expect(files.find((f) => f.name === 'google/api/annotations.proto')!.dependency).toEqual([
      'google/api/http.proto',
      'google/protobuf/descriptor.proto',
    ]);
  });

  it("loads google/api/service.proto, which trips proto-loader with duplicate name 'Option'", () => {
    const { model } = loadProtoFiles({
      files: ['google/api/service.proto'],
      importPaths: [googleapis],
    });
    expect(model.messages['google.protobuf.Option']!.file).toBe('google/protobuf/type.proto');
    expect(
      model.messages['google.api.Service']!.fields.find((f) => f.name === 'apis')!.type,
    ).toEqual({
      kind: 'message',
      typeName: 'google.protobuf.Api',
    });
  });

  it('loads several google/cloud/*/v1 services together', () => {
    const schema = loadProtoFiles({
      files: [
        'google/cloud/kms/v1/service.proto',
        'google/cloud/speech/v1/cloud_speech.proto',
        'google/cloud/tasks/v2/cloudtasks.proto',
        'google/cloud/secretmanager/v1/service.proto',
      ],
      importPaths: [googleapis],
    });
    const names = schema.model.services.map((s) => s.fullName);
    expect(names).toEqual(
      expect.arrayContaining([
        'google.cloud.kms.v1.KeyManagementService',
        'google.cloud.speech.v1.Speech',
        'google.cloud.tasks.v2.CloudTasks',
        'google.cloud.secretmanager.v1.SecretManagerService',
        'google.longrunning.Operations',
      ]),
    );
    const recognize = schema.model.services
      .find((s) => s.fullName === 'google.cloud.speech.v1.Speech')!
      .methods.find((m) => m.name === 'StreamingRecognize')!;
    expect(recognize.kind).toBe('bidi_stream');
    expect(describeSymbol(schema, 'google.cloud.speech.v1.Speech.StreamingRecognize')).toContain(
      'rpc StreamingRecognize ( stream .google.cloud.speech.v1.StreamingRecognizeRequest ) returns ( stream .google.cloud.speech.v1.StreamingRecognizeResponse );',
    );
    // The http annotation extension resolves to descriptor.proto's MethodOptions.
    expect(schema.registry.getExtension('google.api.http')?.extendee.typeName).toBe(
      'google.protobuf.MethodOptions',
    );
  });

  it('loads a spread of the google/cloud/*/v1 corpus the benchmark uses, every service resolved', () => {
    const cloud = join(googleapis, 'google/cloud');
    const all = readdirSync(cloud)
      .flatMap((api) => {
        try {
          return readdirSync(join(cloud, api, 'v1'))
            .filter((f) => f.endsWith('.proto'))
            .map((f) => `google/cloud/${api}/v1/${f}`);
        } catch {
          return [];
        }
      })
      .sort();
    expect(all.length).toBeGreaterThan(500);
    const sample = all.filter((_, i) => i % 12 === 0);
    const { model } = loadProtoFiles({ files: sample, importPaths: [googleapis] });
    for (const svc of model.services) {
      for (const m of svc.methods) {
        expect(model.messages[m.inputType], `${m.fullName} input`).toBeDefined();
        expect(model.messages[m.outputType], `${m.fullName} output`).toBeDefined();
      }
    }
    expect(model.services.length).toBeGreaterThan(20);
  });
});
