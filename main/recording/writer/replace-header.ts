import { fstatSync, readSync, writeSync } from 'node:fs';

/** Bytes moved at a time while making room for a longer header. */
const CHUNK = 1024 * 1024;

/**
 * Puts `line` (the new header line, newline included) in place of the first `oldLength` bytes of
 * the open file, keeping every event line after it. Done through the descriptor, not the path,
 * because a recorder's file may have been renamed while it was written (gwb -record moves it into
 * place once the call starts).
 *
 * A longer header moves the events up, from the end backwards so no byte is overwritten before it
 * was copied; a shorter one is padded with spaces (JSON allows them after the header object), so
 * event offsets change only when the header grew. Returns how far the events moved.
 */
export function replaceHeaderLine(fd: number, oldLength: number, line: Buffer): number {
  const shift = Math.max(line.length - oldLength, 0);
  if (shift > 0) moveUp(fd, oldLength, fstatSync(fd).size, shift);
  const header =
    line.length >= oldLength
      ? line
      : Buffer.concat([
          line.subarray(0, -1),
          Buffer.alloc(oldLength - line.length, ' '),
          line.subarray(-1),
        ]);
  writeAll(fd, header, 0);
  return shift;
}

/** Copies the bytes [from, to) to [from + shift, to + shift), last chunk first. */
function moveUp(fd: number, from: number, to: number, shift: number): void {
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(to - from, 1)));
  for (let end = to; end > from;) {
    const start = Math.max(from, end - buffer.length);
    const length = end - start;
    for (let read = 0; read < length;) {
      const n = readSync(fd, buffer, read, length - read, start + read);
      if (n === 0) throw new Error('the recording got shorter while its header was rewritten');
      read += n;
    }
    writeAll(fd, buffer.subarray(0, length), start + shift);
    end = start;
  }
}

function writeAll(fd: number, data: Buffer, position: number): void {
  for (let done = 0; done < data.length;)
    done += writeSync(fd, data, done, data.length - done, position + done);
}
