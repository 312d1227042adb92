import { describe, expect, it } from 'vitest';
import { GOOGLE_RPC_DESCRIPTOR_SET } from './google-rpc-descriptors.js';
import {
  GOOGLE_RPC_FILES,
  googleRpcDescriptorsFromProtos,
} from './google-rpc-descriptors.testkit.js';
import { googleRpcRegistry } from './rpc-registry.js';
import { wellKnownFile } from '../schema/wkt.js';

// google.rpc's descriptors are prebuilt (no .proto parser at run time); they must stay what the
// schema loader makes of resources/protos/google/rpc/*.proto.
describe('the prebuilt google.rpc descriptors', () => {
  it('are the google/rpc files of resources/protos (else: npx tsx scripts/google-rpc-descriptors.ts)', () => {
    expect(GOOGLE_RPC_DESCRIPTOR_SET).toBe(googleRpcDescriptorsFromProtos());
  });

  it('give a registry with Status, every error detail and the well-known files they import', () => {
    const registry = googleRpcRegistry();
    const names = [...registry.files].map((f) => f.proto.name).sort();
    expect(names).toEqual(
      ['google/protobuf/any.proto', 'google/protobuf/duration.proto', ...GOOGLE_RPC_FILES].sort(),
    );
    for (const type of ['google.rpc.Status', 'google.rpc.BadRequest', 'google.rpc.RetryInfo']) {
      expect(registry.getMessage(type)?.typeName).toBe(type);
    }
    // RetryInfo.retry_delay is the library's own Duration, as in any schema gwb loads.
    const retryDelay = registry.getMessage('google.rpc.RetryInfo')?.field.retryDelay;
    expect(retryDelay?.message?.typeName).toBe('google.protobuf.Duration');
    expect(registry.getFile('google/protobuf/duration.proto')).toBe(
      wellKnownFile('google/protobuf/duration.proto'),
    );
  });
});
