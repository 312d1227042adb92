// The capture thread's program loads what reading and recording need, not the recording barrel's
// replay and its transports: every capture start waits for the thread to load before it reads a
// byte (review 27 S1: ~0.8–1.1 s with them; 334 node_modules modules, 251 without).
import { describe, expect, it } from 'vitest';
import { packagesImportedBy } from '../../../test/bundle/packages-imported.testkit.js';

describe('the capture thread', () => {
  it('loads no Connect transports (@connectrpc/*)', async () => {
    const packages = await packagesImportedBy('main/capture/thread/capture-worker-entry.ts');
    expect(packages).toContain('hpack.js');
    expect(packages.filter((p) => p.startsWith('@connectrpc/'))).toEqual([]);
  });
});
