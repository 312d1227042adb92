// The channel layer loads no zod: connection → channel takes only types and the zod-free
// `targetOf` from shared/request, so a command that only opens channels (`gwb list` over
// reflection) does not pay for building the request document's schemas here. Checked on the
// module graph esbuild sees, as the gwb bundle is built from it.
import { describe, expect, it } from 'vitest';
import { packagesImportedBy } from '../../test/bundle/packages-imported.testkit.js';

describe('main/channels', () => {
  it('loads no zod', async () => {
    const packages = await packagesImportedBy('main/channels/index.ts');
    expect(packages).toContain('@grpc/grpc-js');
    expect(packages).not.toContain('zod');
  });
});
