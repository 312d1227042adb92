import { createReadStream } from 'node:fs';

export interface Line {
  text: string;
  /** 1-based line number in the file. */
  line: number;
  /** Byte offset of the line's first byte. */
  offset: number;
}

export interface LineBatch {
  lines: Line[];
  /** Set on the last batch when the file does not end with a newline: its last line may be cut. */
  unterminated: boolean;
}

export interface LineBatchOptions {
  /** Byte offset to start at (must be the start of a line). */
  start?: number;
  /** Line number of the line at `start` (default 1). */
  firstLine?: number;
}

const NEWLINE = 0x0a;

/**
 * Reads a file as batches of lines, one batch per chunk read, with each line's byte offset (for
 * the time index). Memory holds one chunk and one partial line, never the file.
 */
export async function* lineBatches(
  path: string,
  opts: LineBatchOptions = {},
): AsyncGenerator<LineBatch> {
  const stream = createReadStream(path, { start: opts.start ?? 0, highWaterMark: 256 * 1024 });
  let carry: Buffer | undefined;
  let carryOffset = opts.start ?? 0;
  let lineNo = opts.firstLine ?? 1;
  let offset = opts.start ?? 0; // offset of the chunk's first byte
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const lines: Line[] = [];
    let from = 0;
    let nl = chunk.indexOf(NEWLINE, from);
    while (nl !== -1) {
      let text: string;
      let lineOffset: number;
      if (carry) {
        text = Buffer.concat([carry, chunk.subarray(0, nl)]).toString('utf8');
        lineOffset = carryOffset;
        carry = undefined;
      } else {
        text = chunk.toString('utf8', from, nl);
        lineOffset = offset + from;
      }
      lines.push({ text, line: lineNo++, offset: lineOffset });
      from = nl + 1;
      nl = chunk.indexOf(NEWLINE, from);
    }
    if (from < chunk.length) {
      if (carry) carry = Buffer.concat([carry, chunk.subarray(from)]);
      else {
        carry = Buffer.from(chunk.subarray(from));
        carryOffset = offset + from;
      }
    }
    offset += chunk.length;
    if (lines.length > 0) yield { lines, unterminated: false };
  }
  if (carry && carry.length > 0) {
    yield {
      lines: [{ text: carry.toString('utf8'), line: lineNo, offset: carryOffset }],
      unterminated: true,
    };
  }
}
