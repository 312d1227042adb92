// schema.loadContents through the real router: dropped files load as files on disk do, the
// input is checked once at the boundary (paths, kinds, base64, sizes), and failures come back
// as schema errors with file and line.
import { create, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcePath } from '../resources.js';
import { loadProtoFiles } from '../schema/index.js';
import { startEngineKit, type EngineKit } from './engine.testkit.js';
import { MAX_DROPPED_TOTAL_CHARS } from '../../shared/contract/schema-contents.js';

let kit: EngineKit;
beforeAll(() => {
  kit = startEngineKit();
});
afterAll(() => kit.close());

const example = readFileSync(resourcePath('protos', 'example.proto'), 'utf8');

describe('schema.loadContents', () => {
  it('loads dropped .proto text into a schema with the same model as the file on disk', async () => {
    const summary = await kit.call('schema.loadContents', {
      files: [{ kind: 'proto', path: 'protos/example.proto', text: example }],
      progressId: 'drop',
    });
    expect(summary).toMatchObject({ source: 'proto_files', name: 'protos/example.proto' });
    const { model } = await kit.call('schema.get', { schemaId: summary.schemaId });
    const fromDisk = loadProtoFiles({ files: [resourcePath('protos', 'example.proto')] });
    expect(model).toEqual(fromDisk.model);
    await kit.waitForEvent('schema.progress', (p) => p.progressId === 'drop' && p.phase === 'done');
  });

  it('loads a dropped descriptor set from base64', async () => {
    const fromDisk = loadProtoFiles({ files: [resourcePath('protos', 'example.proto')] });
    const bytes = toBinary(
      FileDescriptorSetSchema,
      create(FileDescriptorSetSchema, { file: fromDisk.files }),
    );
    const summary = await kit.call('schema.loadContents', {
      files: [
        {
          kind: 'descriptorSet',
          path: 'example.protoset',
          base64: Buffer.from(bytes).toString('base64'),
        },
      ],
    });
    expect(summary).toMatchObject({ source: 'descriptor_set' });
    expect(summary.services).toContain('example.UserService');
  });

  it('a broken file comes back as a schema error with its dropped path and line', async () => {
    const reply = await kit.router.invoke('schema.loadContents', {
      files: [{ kind: 'proto', path: 'broken.proto', text: 'syntax = "proto3";\nmessage {\n' }],
    });
    expect(reply).toMatchObject({
      t: 'error',
      code: 'schema_error',
      details: { kind: 'syntax', file: 'broken.proto', line: 2 },
    });
  });

  it.each([
    ['an absolute path', { kind: 'proto', path: '/etc/x.proto', text: '' }, /relative/],
    ['a path that climbs', { kind: 'proto', path: 'a/../../x.proto', text: '' }, /"\.\."/],
    ['a .proto that is not named so', { kind: 'proto', path: 'notes.txt', text: '' }, /\.proto/],
    [
      'a descriptor set that is not base64',
      { kind: 'descriptorSet', path: 'x.pb', base64: 'not base64!' },
      /base64/,
    ],
    ['a file of another kind', { kind: 'image', path: 'x.png', text: '' }, /kind/],
  ])('refuses %s at the boundary', async (_what, file, message) => {
    const reply = await kit.router.invoke('schema.loadContents', { files: [file] });
    expect(reply).toMatchObject({ t: 'error', code: 'invalid_input' });
    expect((reply as { message: string }).message).toMatch(message);
  });

  it('refuses a drop larger than one drop may hold, and no files at all', async () => {
    // Each file within its own bound, together over the drop's.
    const part = 'x'.repeat(Math.ceil(MAX_DROPPED_TOTAL_CHARS / 4) + 1);
    const tooBig = await kit.router.invoke('schema.loadContents', {
      files: ['a', 'b', 'c', 'd'].map((n) => ({ kind: 'proto', path: `${n}.proto`, text: part })),
    });
    expect(tooBig).toMatchObject({ t: 'error', code: 'invalid_input' });
    expect((tooBig as { message: string }).message).toMatch(/MiB in all/);
    const none = await kit.router.invoke('schema.loadContents', { files: [] });
    expect(none).toMatchObject({ t: 'error', code: 'invalid_input' });
  });
});
