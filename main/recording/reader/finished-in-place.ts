// A live recording (gwb -record, gwb proxy) is finished by its own recorder in place: the recorder
// learns the types packed in Any fields and status details as the call goes, and at close puts a
// header naming their files in place of the first line (writer/replace-header.ts). The header
// grows, and every event after it moves up by as much (a header that got shorter would be padded
// in place instead). To a reader that had read some of the recording, the bytes it read are no
// longer where they were: that is not a file written over in place, and the reader goes on with
// the events where they now are. It is told from a `cp` over the file by the header now there (the
// same recording's: only its files grew) and by the bytes read being found where they moved to.

import { readSync } from 'node:fs';
import { stillHolds, type BytesSeen } from './bytes-seen.js';

/** The recording now, once its recorder finished it. */
export interface Finished {
  /** Its header line (newline included) as the recorder put it in place. */
  header: Buffer;
  /** How far every byte after the header moved. */
  shift: number;
  /** `seen` where it is now. */
  seen: BytesSeen;
}

const NEWLINE = 0x0a;
const HEADER_READ = 64 * 1024;

/**
 * The recording in the file open at `fd`, whose header line was `header` (newline included) and of
 * which the reader read `seen` (no longer where it was), as its recorder finished it since; or
 * undefined when the file is not that (written over in place, cut, or still being finished).
 */
export function finishedInPlace(fd: number, header: Buffer, seen: BytesSeen): Finished | undefined {
  const now = firstLine(fd);
  if (now === undefined || !sameRecordingFinished(header, now)) return undefined;
  const shift = now.length - header.length;
  // Of the header itself the reader read what the new one now holds; what it read after, moved.
  const moved =
    seen.end <= header.length
      ? { end: now.length, bytes: Buffer.from(now.subarray(-seen.bytes.length)) }
      : { end: seen.end + shift, bytes: seen.bytes };
  return stillHolds(fd, moved) ? { header: now, shift, seen: moved } : undefined;
}

/** The file's first line (newline included), or undefined when it has none whole. */
export function firstLine(fd: number): Buffer | undefined {
  const reads: Buffer[] = [];
  for (let position = 0; ;) {
    const read = Buffer.allocUnsafe(HEADER_READ);
    const got = readSync(fd, read, 0, read.length, position);
    if (got === 0) return undefined;
    const nl = read.subarray(0, got).indexOf(NEWLINE);
    reads.push(read.subarray(0, nl === -1 ? got : nl + 1));
    if (nl !== -1) return Buffer.concat(reads);
    position += got;
  }
}

/**
 * Is `now` the header line `before` as its recorder finishes it: every key the same but `files`,
 * which keeps every file it named (the recorder adds those of the types it found packed)?
 */
function sameRecordingFinished(before: Buffer, now: Buffer): boolean {
  const was = headerObject(before);
  const is = headerObject(now);
  if (!was || !is) return false;
  const { files: wasFiles, ...wasRest } = was;
  const { files: isFiles, ...isRest } = is;
  return (
    JSON.stringify(wasRest) === JSON.stringify(isRest) &&
    Array.isArray(wasFiles) &&
    Array.isArray(isFiles) &&
    wasFiles.every((file) => isFiles.includes(file))
  );
}

function headerObject(line: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
