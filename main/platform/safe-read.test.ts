import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkReadableFile, FILE_LIMITS, readFileBytes, readFileText } from './safe-read.js';

const dir = mkdtempSync(path.join(tmpdir(), 'gwb-safe-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const proto = { what: 'proto file', limit: FILE_LIMITS.proto };
const unix = process.platform !== 'win32';

describe('reading a file on a user’s behalf', () => {
  it('reads a regular file', () => {
    const file = path.join(dir, 'a.proto');
    writeFileSync(file, 'syntax = "proto3";\n');
    expect(readFileText(file, proto)).toBe('syntax = "proto3";\n');
  });

  it.runIf(unix)('refuses a FIFO at once instead of waiting for a writer', () => {
    const fifo = path.join(dir, 'pipe.proto');
    execFileSync('mkfifo', [fifo]);
    expect(() => readFileText(fifo, proto)).toThrow(
      `${fifo}: it is a named pipe (FIFO), not a regular file, so it cannot be a proto file`,
    );
    expect(() => checkReadableFile(fifo, proto)).toThrow(/named pipe/);
  });

  it.runIf(unix)('refuses /dev/zero, and a symlink to it, as a character device', () => {
    expect(() => readFileBytes('/dev/zero', proto)).toThrow(
      '/dev/zero: it is a character device, not a regular file, so it cannot be a proto file',
    );
    const link = path.join(dir, 'zero.pb');
    symlinkSync('/dev/zero', link);
    expect(() =>
      readFileBytes(link, { what: 'descriptor set', limit: FILE_LIMITS.descriptorSet }),
    ).toThrow(`${link}: it is a character device, not a regular file`);
  });

  it('refuses a file over the limit before reading it (a sparse 5 GiB file)', () => {
    const huge = path.join(dir, 'huge.pb');
    writeFileSync(huge, '');
    truncateSync(huge, 5 * 1024 ** 3);
    expect(() =>
      readFileBytes(huge, { what: 'descriptor set', limit: FILE_LIMITS.descriptorSet }),
    ).toThrow(
      `${huge}: the descriptor set is 5120 MiB (5,368,709,120 bytes), more than the 64 MiB the engine reads for one`,
    );
    const pem = path.join(dir, 'big.pem');
    writeFileSync(pem, '');
    truncateSync(pem, FILE_LIMITS.pem + 1);
    expect(() => readFileText(pem, { what: 'CA certificate', limit: FILE_LIMITS.pem })).toThrow(
      `${pem}: the CA certificate is 1 MiB (1,048,577 bytes), more than the 1 MiB the engine reads for one`,
    );
  });

  it('says a folder is a folder and a missing file is missing', () => {
    const folder = path.join(dir, 'folder.proto');
    mkdirSync(folder);
    expect(() => readFileText(folder, proto)).toThrow(`${folder}: it is a folder`);
    expect(() => readFileText(path.join(dir, 'absent.proto'), proto)).toThrow(
      expect.objectContaining({ code: 'ENOENT', reason: 'file not found' }),
    );
  });
});
