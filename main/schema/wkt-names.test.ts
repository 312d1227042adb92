import { describe, expect, it } from 'vitest';
import { WELL_KNOWN_FILE_NAMES, wellKnownFile, wellKnownFiles } from './wkt.js';

// wkt.ts names each embedded file without building it (so only the files asked for are built):
// each name must be the one its descriptor carries, or lookups by import name would miss it.
describe('the embedded well-known files', () => {
  it('are found by the name their descriptor carries', () => {
    expect(WELL_KNOWN_FILE_NAMES).toHaveLength(15);
    for (const name of WELL_KNOWN_FILE_NAMES) expect(wellKnownFile(name)?.proto.name).toBe(name);
    expect(wellKnownFiles().map((f) => f.proto.name)).toEqual(WELL_KNOWN_FILE_NAMES);
  });

  it('do not answer for other names, nor for inherited keys', () => {
    expect(wellKnownFile('google/protobuf/nope.proto')).toBeUndefined();
    expect(wellKnownFile('toString')).toBeUndefined();
  });
});
