// Every file the engine reads on a user's or a workspace's behalf (proto files, descriptor sets,
// TLS certificates and keys, workspace files, imported recordings) is read here. Such a path may
// name a FIFO (reading it blocks the whole engine until someone writes), a device such as
// /dev/zero (endless: the engine ran out of memory and died), or a file of gigabytes. So the file
// is opened without blocking, what was opened (not what the path named a moment before) must be a
// regular file, and no more than a per-kind limit is ever read.
import { closeSync, constants, fstatSync, openSync, readSync, type BigIntStats } from 'node:fs';

const MiB = 1 << 20;

/** How much of each kind of file the engine will read. */
export const FILE_LIMITS = {
  /** A .proto file; googleapis' largest is under 1 MiB. */
  proto: 64 * MiB,
  /** A FileDescriptorSet (protoc -o / buf build); big monorepos reach tens of MiB. */
  descriptorSet: 64 * MiB,
  /** A PEM certificate, chain or key. */
  pem: 1 * MiB,
  /** One workspace JSON file (workspace.json, a request, an environment, history). */
  workspaceJson: 32 * MiB,
  /** A recording brought in from elsewhere (gwb replay, gwb mock, an import); streamed, never whole. */
  recording: 4096 * MiB,
  /** A recording's JSON export, which is parsed whole (one document). */
  recordingExport: 256 * MiB,
} as const;

/** Why a file was not read; `reason` reads after the file name ("/x.proto: <reason>"). */
export class FileReadError extends Error {
  constructor(
    readonly file: string,
    /** An errno code (ENOENT, EACCES…), or ENOTREG (not a regular file) or EFBIG (over the limit). */
    readonly code: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'FileReadError';
  }
}

export interface SafeReadOptions {
  /** What the file is, in the user's words: "proto file", "CA certificate"… */
  what: string;
  /** The most bytes it may have (one of FILE_LIMITS). */
  limit: number;
}

export function describeSize(bytes: number): string {
  if (bytes >= MiB) return `${+(bytes / MiB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

function typeOf(stats: BigIntStats): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function errnoReason(code: string, error: Error): string {
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error.message;
  }
}

// O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer, freezing the engine. It
// changes nothing for regular files. (Windows has no FIFOs in the file system, nor the flag.)
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function tooLarge(file: string, size: string, opts: SafeReadOptions): FileReadError {
  return new FileReadError(
    file,
    'EFBIG',
    `the ${opts.what} is ${size}, more than the ${describeSize(opts.limit)} the engine reads for one`,
  );
}

/** A file opened and checked: the caller closes `fd`. */
interface OpenedFile {
  fd: number;
  size: number;
  /** fstat of `fd` (bigint: exact inode numbers and nanosecond times), what the bytes come from. */
  stats: BigIntStats;
}

/** Opens `file` without blocking and checks what it is; the caller closes the returned fd. */
function openRegular(file: string, opts: SafeReadOptions): OpenedFile {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new FileReadError(file, code, errnoReason(code, error as Error));
  }
  try {
    // fstat of the open file, so a path swapped for a device after a check cannot slip through.
    const stats = fstatSync(fd, { bigint: true });
    const size = Number(stats.size);
    if (stats.isDirectory()) throw new FileReadError(file, 'EISDIR', 'it is a folder');
    if (!stats.isFile())
      throw new FileReadError(
        file,
        'ENOTREG',
        `it is ${typeOf(stats)}, not a regular file, so it cannot be a ${opts.what}`,
      );
    if (size > opts.limit)
      throw tooLarge(file, `${describeSize(size)} (${size.toLocaleString('en-US')} bytes)`, opts);
    return { fd, size, stats };
  } catch (error) {
    closeSync(fd);
    if (error instanceof FileReadError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new FileReadError(file, code, errnoReason(code, error as Error));
  }
}

/**
 * Checks, without reading, that `file` is a regular file within the limit (for readers that then
 * stream it). Throws FileReadError.
 */
export function checkReadableFile(file: string, opts: SafeReadOptions): number {
  const { fd, size } = openRegular(file, opts);
  closeSync(fd);
  return size;
}

/** `size` bytes from the start of `fd` (fewer when the file shrank meanwhile). */
function readKnownSize(fd: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size);
  let length = 0;
  while (length < size) {
    const read = readSync(fd, buffer, length, size - length, null);
    if (read === 0) break;
    length += read;
  }
  return buffer.subarray(0, length);
}

/** The bytes of a regular file of at most `opts.limit` bytes. Throws FileReadError. */
export function readFileBytes(file: string, opts: SafeReadOptions): Buffer {
  return readRegular(file, opts).bytes;
}

/** The bytes read, and the fstat of the file descriptor they were read through. */
function readRegular(file: string, opts: SafeReadOptions): { bytes: Buffer; stats: BigIntStats } {
  const { fd, size, stats } = openRegular(file, opts);
  return { bytes: readOpened(file, fd, size, opts), stats };
}

/** The bytes of `fd` (closed here), opened and checked by openRegular. */
function readOpened(file: string, fd: number, size: number, opts: SafeReadOptions): Buffer {
  try {
    // A regular file that says its size is read in that many bytes, as readFileSync does (one
    // read for a small file, no second one to find the end): opening a workspace reads thousands.
    if (size > 0) return readKnownSize(fd, size);
    // The size is a hint, not a promise: the file may grow while we read, and some (in /proc)
    // say 0. So read until the end, but never past the limit.
    let buffer = Buffer.allocUnsafe(Math.min(Math.max(size, 4096), opts.limit + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > opts.limit) throw tooLarge(file, `over ${describeSize(opts.limit)}`, opts);
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, opts.limit + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > opts.limit) throw tooLarge(file, `over ${describeSize(opts.limit)}`, opts);
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new FileReadError(file, code, errnoReason(code, error as Error));
  } finally {
    closeSync(fd);
  }
}

/** The UTF-8 text of a regular file of at most `opts.limit` bytes. Throws FileReadError. */
export function readFileText(file: string, opts: SafeReadOptions): string {
  return readFileBytes(file, opts).toString('utf8');
}

/** The text of one file and what it was read from. */
export interface TextRead {
  text: string;
  /**
   * fstat of the very file descriptor the text was read through: the file it is, though the path
   * may lead elsewhere a moment before or after (a symlink swapped in and out).
   */
  stats: BigIntStats;
}

/** As readFileText, with the stat of the file actually read (a cache keys the text by it). */
export function readFileTextWithStats(file: string, opts: SafeReadOptions): TextRead {
  const { bytes, stats } = readRegular(file, opts);
  return { text: bytes.toString('utf8'), stats };
}
