import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readText } from './json-file.js';

const dir = mkdtempSync(path.join(tmpdir(), 'gwb-json-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(process.platform !== 'win32')('a workspace file that is not a file', () => {
  it('a FIFO named like a request is refused at once, not waited on', () => {
    const fifo = path.join(dir, 'Get.grpc.json');
    execFileSync('mkfifo', [fifo]);
    expect(() => readText(fifo)).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        message: `cannot read ${fifo}: it is a named pipe (FIFO), not a regular file, so it cannot be a workspace file`,
      }),
    );
  });

  it('a link to /dev/zero named workspace.json is refused, not read until memory runs out', () => {
    const link = path.join(dir, 'workspace.json');
    symlinkSync('/dev/zero', link);
    expect(() => readText(link)).toThrow(`cannot read ${link}: it is a character device`);
  });
});
