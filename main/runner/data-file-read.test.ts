// readDataFile: the one reader of data files for the runner (`gwb run --data`, the runner panel)
// and load runs (`load.start`): one wording, said beside the Data file field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataFile } from './data-file.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gwb-data-file-read-'));
  writeFileSync(path.join(dir, 'rows.csv'), 'a,b\n1,2\n');
  writeFileSync(path.join(dir, 'empty.csv'), 'a,b\n');
  writeFileSync(path.join(dir, 'broken.json'), '[{"a": 1},\n {"a": null}]');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const errorOf = (file: string): unknown => {
  try {
    readDataFile(file, dir);
  } catch (error) {
    return error;
  }
  throw new Error(`${file} was read`);
};

describe('readDataFile', () => {
  it('reads a relative path from the base folder, an absolute one as it is', () => {
    expect(readDataFile('rows.csv', dir)).toEqual([{ a: '1', b: '2' }]);
    expect(readDataFile(path.join(dir, 'rows.csv'), '/nowhere')).toEqual([{ a: '1', b: '2' }]);
  });

  it('a missing file: not found, with the folder a relative path starts in', () => {
    expect(errorOf('none.csv')).toMatchObject({
      code: 'not_found',
      message: `Data file none.csv: no such file (a relative path starts in ${dir})`,
      details: { field: 'dataFile' },
    });
  });

  it('a file with no rows is refused', () => {
    expect(errorOf('empty.csv')).toMatchObject({
      code: 'invalid_input',
      message: 'Data file empty.csv: the file has no rows',
      details: { field: 'dataFile' },
    });
  });

  it('broken contents say file:line, beside the field', () => {
    expect(errorOf('broken.json')).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^broken\.json:2: row 2, "a": /) as unknown,
      details: { field: 'dataFile', file: 'broken.json', line: 2 },
    });
  });
});
