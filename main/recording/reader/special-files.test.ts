import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHeader } from './event-reader.js';
import { importRecording } from './export-import.js';

// A recording named by the user (gwb replay FILE, gwb mock FILE, an import) that is a FIFO or a
// device: refused at once, instead of waiting for a writer or reading /dev/zero until memory ends.

const dir = mkdtempSync(path.join(tmpdir(), 'gwb-special-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(process.platform !== 'win32')('recordings that are not files', () => {
  it('a FIFO is refused, not waited on', async () => {
    const fifo = path.join(dir, 'live.ndjson');
    execFileSync('mkfifo', [fifo]);
    await expect(readHeader(fifo)).rejects.toThrow(
      `cannot read: it is a named pipe (FIFO), not a regular file, so it cannot be a recording`,
    );
    await expect(importRecording(fifo, path.join(dir, 'out.ndjson'))).rejects.toThrow(
      /named pipe \(FIFO\)/,
    );
  });

  it('a link to /dev/zero is refused, not read until memory runs out', async () => {
    const link = path.join(dir, 'zero.ndjson');
    symlinkSync('/dev/zero', link);
    await expect(readHeader(link)).rejects.toThrow(/it is a character device, not a regular file/);
  });
});
