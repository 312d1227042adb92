import { lineChunks } from './line-chunks.js';
import { resolveRecording, type RecordingSource } from './recording-address.js';

export interface Line {
  text: string;
  /** 1-based line number in the file (of a file of recordings: from the file's start). */
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
  /** Byte offset to start at (must be the start of a line); default: the recording's header. */
  start?: number;
  /** Line number of the line at `start` (default: the header's, 1 for a whole file). */
  firstLine?: number;
}

const NEWLINE = 0x0a;

/**
 * Reads a recording (see lineChunks) as batches of lines (strings), one batch per chunk of whole lines read, with each
 * line's byte offset (for the time index). Memory holds one chunk and one partial line, never the file.
 */
export async function* lineBatches(
  source: RecordingSource,
  opts: LineBatchOptions = {},
): AsyncGenerator<LineBatch> {
  const span = resolveRecording(source);
  let lineNo = opts.firstLine ?? (opts.start === undefined ? span.firstLine : 1);
  for await (const chunk of lineChunks(
    span,
    opts.start !== undefined ? { start: opts.start } : {},
  )) {
    const { bytes } = chunk;
    const lines: Line[] = [];
    let from = 0;
    while (from < bytes.length) {
      const nl = bytes.indexOf(NEWLINE, from);
      const end = nl === -1 ? bytes.length : nl;
      lines.push({
        text: bytes.toString('utf8', from, end),
        line: lineNo++,
        offset: chunk.offset + from,
      });
      from = end + 1;
    }
    yield { lines, unterminated: chunk.unterminated };
  }
}
