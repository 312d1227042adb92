// A recording's id as the contract names it, taken apart without zod: the renderer reads it too,
// and the page must load no zod (test/bundle/renderer-bundle.test.ts).

/**
 * A recording of a file of several (`gwb proxy`'s `*.recordings`): `captured/x.recordings#3`, its
 * number from 1. Taken apart here so the id's file part is checked like any id and `#N` can only
 * be a positive number after a `.recordings` name; undefined for any other id.
 */
export function packedRecordingId(id: string): { file: string; n: number } | undefined {
  const found = /^(.+\.recordings)#([1-9][0-9]{0,9})$/.exec(id);
  return found ? { file: found[1] as string, n: Number(found[2]) } : undefined;
}
