// A file of several recordings grows while `gwb proxy` appends to it: listing it again reads only
// the recordings new since the last listing (the others are cached by where their bytes are), not
// the whole file again (~1 s for an 8 MiB file of unary calls here); the first listing reads the
// file once for all of them.
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packedListFixture } from './recordings-packed.testkit.js';

const fixture = packedListFixture();

describe('a growing file of several recordings', () => {
  it('is listed again by reading its new recordings only', async () => {
    const { store, list } = fixture.store();
    for (const id of ['1', '2', '3']) await fixture.record(id);
    expect((await list()).map((s) => s.id)).toEqual(
      [3, 2, 1].map((n) => `proxied/calls.recordings#${n}`),
    );
    // The first listing reads the file once for its 3 recordings.
    expect(store.indexed).toEqual({ recordings: 3, passes: 1 });
    await fixture.record('4');
    expect(readdirSync(dirname(fixture.file))).toEqual(['calls.recordings']);
    const again = await list();
    expect(again.map((s) => s.id)[0]).toBe('proxied/calls.recordings#4');
    // Listed again: one more pass, over the new recording alone.
    expect(store.indexed).toEqual({ recordings: 4, passes: 2 });
    await list();
    expect(store.indexed).toEqual({ recordings: 4, passes: 2 });
  });
});
