import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { DescMessage } from '@bufbuild/protobuf';
import { loadProtoFiles } from '../schema/index.js';
import { createMessageCodec, messageTemplate } from './index.js';

const corpusRoot = dirname(
  createRequire(import.meta.url).resolve('google-proto-files/package.json'),
);

// Real-world schemas (googleapis) exercise shapes a hand-written test proto misses: deep nesting,
// mutual recursion, Struct/Any everywhere, field options, proto2 and editions leftovers.
describe('templates and codecs over googleapis protos', () => {
  const files = [
    'google/pubsub/v1/pubsub.proto',
    'google/firestore/v1/firestore.proto',
    'google/logging/v2/logging.proto',
    'google/api/expr/v1alpha1/syntax.proto',
  ];
  const schema = loadProtoFiles({ files, importPaths: [corpusRoot] });
  const messages = [...schema.registry].filter((d): d is DescMessage => d.kind === 'message');

  it('every message template encodes, and decoding gives the same bytes back', () => {
    expect(messages.length).toBeGreaterThan(200);
    for (const desc of messages) {
      const codec = createMessageCodec(schema.registry, desc.typeName);
      const template = messageTemplate(schema.registry, desc.typeName);
      const bytes = codec.encode(template);
      const again = codec.encode(codec.decode(bytes));
      expect(Buffer.from(again).equals(Buffer.from(bytes)), desc.typeName).toBe(true);
    }
  });

  it('stops a type that recurs through a oneof (Firestore filters)', () => {
    expect(messageTemplate(schema.registry, 'google.firestore.v1.StructuredQuery.Filter')).toEqual({
      compositeFilter: { op: 'OPERATOR_UNSPECIFIED', filters: [{ compositeFilter: null }] },
    });
  });
});
