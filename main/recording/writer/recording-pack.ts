/**
 * Past this size a file of recordings is closed and the next recording starts a new one: a reader
 * of `FILE#N` scans the file for its headers (a few ms for this much), and a user can still open
 * one in an editor.
 */
export const PACK_BYTES = 8 * 1024 * 1024;

/** Where a recording went in a file of several: `path#n`. */
export interface PackPlace {
  path: string;
  /** Its number in the file, from 1. */
  n: number;
}

/**
 * The file of recordings the capture proxy appends its short calls' recordings to, each whole (its
 * header line and events, exactly as a file of its own would hold them), one after the other: a
 * file per call cost more than recording the call (creating a file on ext4 took 20–700 µs of
 * kernel time here, most when files had been deleted in the last seconds). The recordings are
 * numbered in the order they are placed, which is the order they are appended: by the capture
 * thread itself as each closes (PackedHere), or by the recording thread (RecordingThread).
 */
export class RecordingPack {
  private current: { path: string; count: number; bytes: number } | undefined;

  constructor(
    /** A fresh file name for the next file of recordings. */
    private readonly newPath: () => string,
    private readonly maxBytes = PACK_BYTES,
  ) {}

  /** Where a recording of `size` bytes goes (a new file once the current one is full). */
  place(size: number): PackPlace {
    let current = this.current;
    if (current === undefined || (current.count > 0 && current.bytes + size > this.maxBytes))
      this.current = current = { path: this.newPath(), count: 0, bytes: 0 };
    current.count++;
    current.bytes += size;
    return { path: current.path, n: current.count };
  }

  /**
   * A write to `path` failed: the recordings after the failed one would be numbered wrong, so the
   * next recording starts a new file (the thread fails the ones already on their way to it).
   */
  lost(path: string): void {
    if (this.current?.path === path) this.current = undefined;
  }
}
