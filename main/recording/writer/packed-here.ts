import { closeSync, openSync, writeSync } from 'node:fs';
import type { RecordingPack } from './recording-pack.js';
import type { RecordingFiles, ThreadFile } from './recording-thread.js';

/**
 * Recording files for a writer that already runs off the event loop (the capture thread): a
 * recording that closes whole into a file of several (RecordingPack) is appended to it here, at
 * once, with one write; any other recording (a long call's, a file of its own) is handed to
 * `others` (the recording thread) with its first bytes, so creating its file never holds this
 * thread up.
 *
 * The capture thread sent every packed recording through the recording thread before: a copy of
 * it into that thread's ring, and that thread awake every 5 ms while calls came, and a timer here
 * every 10 ms to learn which closes were done. On this 2-core machine a thread's wake-up costs
 * ~50–60 µs of CPU however little it does (`setTimeout` in a loop), so one call at a time paid
 * for them more than for the write itself (bench:capture, paced).
 *
 * Kept as the recording thread keeps them: recordings numbered in the order they are appended; when
 * one cannot be, the pack is told (`lost`), so the next recording starts a new file and nothing
 * more is written to that one (the write is synchronous: nothing is on its way to it); the same
 * errors, in the same words.
 */
export class PackedHere implements RecordingFiles {
  /** The file of recordings being appended to, kept open while recordings come. */
  private pack: { path: string; fd: number } | undefined;

  constructor(private readonly others: () => RecordingFiles) {}

  open(path: string): ThreadFile {
    return new FileOrPacked(this, path);
  }

  /** Closes the file of recordings kept open (the capture thread has gone idle). */
  idle(): void {
    if (this.pack) closeSync(this.pack.fd);
    this.pack = undefined;
  }

  /** Appends a whole recording to the file of several at `path`; throws the recording thread's words. */
  append(path: string, data: Buffer): void {
    if (this.pack?.path !== path) {
      this.idle();
      try {
        this.pack = { path, fd: openSync(path, 'a', 0o600) };
      } catch (error) {
        throw new Error(`cannot create recording file ${path}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    const fd = this.pack.fd;
    try {
      for (let from = 0; from < data.length;) from += writeSync(fd, data, from, data.length - from);
    } catch (error) {
      this.idle();
      throw new Error(`cannot write recording file ${path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  /** Where non-packed recordings go. */
  other(path: string): ThreadFile {
    return this.others().open(path);
  }
}

/**
 * One recording: appended whole to a file of several here when it closes so (closeWith with a
 * pack, nothing written before); else, from its first bytes on, a file of the recording thread's.
 * A class (its fields plain, its getters on the prototype): see RecordingThread.open on accessors.
 */
class FileOrPacked implements ThreadFile {
  private other: ThreadFile | undefined;
  private packedFailure: Error | undefined;
  private done = false;

  constructor(
    private readonly files: PackedHere,
    private readonly path: string,
  ) {}

  get unwritten(): boolean {
    return this.other ? this.other.unwritten : !this.done;
  }

  get failure(): Error | undefined {
    return this.other ? this.other.failure : this.packedFailure;
  }

  private elsewhere(): ThreadFile {
    this.other ??= this.files.other(this.path);
    return this.other;
  }

  append(data: Buffer, release?: () => void): void {
    if (this.done) return;
    this.elsewhere().append(data, release);
  }

  drained(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return this.elsewhere().close();
  }

  handOver(): Promise<number> {
    return this.elsewhere().handOver();
  }

  closeWith(data: Buffer, pack: RecordingPack | undefined): Promise<string> {
    if (this.other || this.done || pack === undefined || data.length === 0)
      return this.elsewhere().closeWith(data, pack);
    this.done = true;
    const place = pack.place(data.length);
    try {
      this.files.append(place.path, data);
    } catch (error) {
      pack.lost(place.path);
      this.packedFailure = error as Error;
      return Promise.reject(this.packedFailure);
    }
    return Promise.resolve(`${place.path}#${place.n}`);
  }
}
