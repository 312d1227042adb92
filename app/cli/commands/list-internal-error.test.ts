import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../shared/contract/errors.js';
import type { CliIo } from '../io.js';
import { runList } from './list.js';

const io: CliIo = {
  stdout: { write: () => true },
  stderr: { write: () => true },
  stdin: Readable.from([]),
};

describe('list SERVICE without a loaded schema', () => {
  it('is an internal WorkbenchError, the one error base, not a plain Error', () => {
    let thrown: unknown;
    try {
      runList({ services: ['example.UserService'] }, 'example.UserService', io);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WorkbenchError);
    expect((thrown as WorkbenchError).code).toBe('internal');
    expect((thrown as WorkbenchError).message).toBe(
      'list example.UserService: the schema was not loaded',
    );
  });
});
