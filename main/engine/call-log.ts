// A live call's event log with a bound: the most recent events stay in memory (a window of at most
// `maxEvents` events and about `maxBytes`), the first ones (`started`, the first `headers`) are
// pinned, and older events spill to a JSON-lines file so `call.events` can still page through all
// of them by seq. An endless stream at 100k msgs/s must not grow the engine (issue 11, point 4).
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CallEvent } from '../../shared/calls/events.js';

export interface CallLogLimits {
  /** Events kept in memory; older ones spill (or are dropped when there is no spill file). */
  maxEvents: number;
  /** About how many bytes the events in memory may take (an estimate, see `estimatedBytes`). */
  maxBytes: number;
}

/** 50k events or 64 MB, whichever comes first: an endless stream stays well under 300 MB. */
export const DEFAULT_CALL_LOG_LIMITS: CallLogLimits = { maxEvents: 50_000, maxBytes: 64 << 20 };

/** One index entry every this many spilled events: 4.4M events cost ~17k numbers. */
const INDEX_STEP = 256;
/** Spilled events are read back this many bytes at a time. */
const READ_CHUNK = 1 << 20;

/**
 * What an event costs in memory, roughly: the object and its fields, a decoded message about
 * three times its encoded size, its base64 when kept. Deterministic, so what was added on append
 * is exactly what is taken off on spill.
 */
export function estimatedBytes(event: CallEvent): number {
  switch (event.type) {
    case 'sent':
    case 'received':
      return 200 + event.size * 3 + (event.raw !== undefined ? event.raw.length * 2 : 0);
    case 'started':
    case 'headers':
    case 'trailers':
      return 200 + event.metadata.length * 120;
    default:
      return 200;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A spill folder of this engine's own under `dataDir/call-logs` (the app and a web host may share
 * a data dir), named by pid; folders left by engines that died without closing are removed.
 */
export function newSpillDir(dataDir: string): string {
  const root = join(dataDir, 'call-logs');
  if (existsSync(root)) {
    for (const name of readdirSync(root)) {
      const pid = Number(name.split('-')[0]);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isAlive(pid))
        rmSync(join(root, name), { recursive: true, force: true });
    }
  }
  return join(root, `${process.pid}-${randomUUID().slice(0, 8)}`);
}

export interface CallLogPage {
  events: CallEvent[];
  nextSeq: number;
  /** More events are already available beyond this page. */
  more: boolean;
}

export class CallLog {
  /** `started` and the first `headers`: what the call is, whatever has spilled since. */
  private readonly pinned: CallEvent[] = [];
  /** In memory: window[head..] are seq firstSeq.. (head instead of shift(): no O(n²)). */
  private window: CallEvent[] = [];
  private head = 0;
  private bytes = 0;
  /** The seq of window[head]; everything before it is in the spill file (or dropped). */
  private firstSeq = 0;
  private nextSeq = 0;
  private lastEvent: CallEvent | undefined;
  private spill: SpillFile | undefined;
  private disposed = false;
  /**
   * Why spilling stopped (a full disk, a removed or read-only spill folder): from then on older
   * events are dropped as without a spill file, those spilled before stay readable.
   */
  private spillError: Error | undefined;

  /**
   * `spillPath`: where older events go; absent: they are dropped (gwb prints them and forgets).
   * `onSpillFailed`: told once when the spill file cannot be opened or written (the log goes on,
   * dropping older events instead).
   */
  constructor(
    private readonly limits: CallLogLimits,
    private readonly spillPath?: string,
    private readonly onSpillFailed?: (error: Error) => void,
  ) {}

  append(event: CallEvent): void {
    this.nextSeq = event.seq + 1;
    this.lastEvent = event;
    if (
      event.type === 'started' ||
      (event.type === 'headers' && this.pinnedHeaders() === undefined)
    )
      this.pinned.push(event);
    this.window.push(event);
    this.bytes += estimatedBytes(event);
    if (this.inMemory() > this.limits.maxEvents || this.bytes > this.limits.maxBytes)
      // Down to 7/8 of the limits, so spilling happens in batches, not once per event.
      this.shrink(
        Math.floor((this.limits.maxEvents * 7) / 8),
        Math.floor((this.limits.maxBytes * 7) / 8),
      );
  }

  /**
   * An ended call keeps only its last `maxEvents` in memory (the rest stays readable from the
   * spill): a hundred ended calls must not each hold a full window. No-op without a spill file.
   */
  trim(maxEvents: number): void {
    if (this.spilling() && this.inMemory() > maxEvents)
      this.shrink(maxEvents, this.limits.maxBytes);
  }

  /** The last event appended (`ended` once the call has ended). */
  last(): CallEvent | undefined {
    return this.lastEvent;
  }

  /** Events in memory now (the window, not counting pinned ones outside it). */
  inMemory(): number {
    return this.window.length - this.head;
  }

  /** The oldest seq `read` can still answer (0 unless events were dropped for want of a spill). */
  oldestSeq(): number {
    return this.spilling() || this.spilled() > 0 ? 0 : this.firstSeq;
  }

  /** Why older events are being dropped although there was a spill path (undefined: they are not). */
  spillFailure(): Error | undefined {
    return this.spillError;
  }

  /** What stays in memory: the pinned events not in the window, then the window. */
  retained(): CallEvent[] {
    const kept = this.window.slice(this.head);
    const before = this.pinned.filter((e) => e.seq < this.firstSeq);
    return before.length > 0 ? [...before, ...kept] : kept;
  }

  /** Up to `limit` events from `sinceSeq` on, from the spill file and then the window. */
  read(sinceSeq: number, limit: number): CallLogPage {
    // Seqs [0, spilled) are in the spill file, [spilled, firstSeq) were dropped (no spill file, or
    // it failed), firstSeq.. are in memory. A seq that was dropped answers from the window on.
    const spilled = this.spilled();
    let from = Math.min(sinceSeq, this.nextSeq);
    if (from >= spilled && from < this.firstSeq) from = this.firstSeq;
    const events = from < spilled ? this.readSpill(from, Math.min(limit, spilled - from)) : [];
    let seq = from + events.length;
    // A page stops at a gap of dropped events; nextSeq moves past it, so paging goes on.
    if (seq < this.firstSeq && (seq >= spilled || events.length === 0)) {
      if (events.length === 0) from = seq = this.firstSeq;
      else return { events, nextSeq: this.firstSeq, more: this.firstSeq < this.nextSeq };
    }
    if (seq >= this.firstSeq && events.length < limit) {
      const start = this.head + (seq - this.firstSeq);
      const end = Math.min(this.window.length, start + (limit - events.length));
      for (let i = start; i < end; i++) events.push(this.window[i]!);
      seq = from + events.length;
    }
    return { events, nextSeq: seq, more: seq < this.nextSeq };
  }

  /** Lets go of the spill file (the call is forgotten). */
  dispose(): void {
    this.disposed = true;
    try {
      this.spill?.dispose();
    } catch {
      // Its folder is gone or unwritable: nothing more to remove.
    }
    this.spill = undefined;
  }

  /** Older events still go to a spill file (there is one and it has not failed). */
  private spilling(): boolean {
    return this.spillPath !== undefined && this.spillError === undefined;
  }

  /** How many events the spill file holds: seqs 0 to this (exclusive). */
  private spilled(): number {
    return this.spill?.length() ?? 0;
  }

  /** Spilled events; a file that cannot be read back answers none (its seqs read as dropped). */
  private readSpill(from: number, limit: number): CallEvent[] {
    try {
      return this.spill?.read(from, limit) ?? [];
    } catch (error) {
      this.failSpill(error);
      return [];
    }
  }

  private failSpill(error: unknown): void {
    if (this.spillError !== undefined) return;
    this.spillError = error instanceof Error ? error : new Error(String(error));
    this.onSpillFailed?.(this.spillError);
  }

  private pinnedHeaders(): CallEvent | undefined {
    return this.pinned.find((e) => e.type === 'headers');
  }

  /** Moves the oldest events out of memory until at most keepEvents / keepBytes are left. */
  private shrink(keepEvents: number, keepBytes: number): void {
    let end = this.head;
    let bytes = this.bytes;
    while (
      end < this.window.length &&
      (this.window.length - end > keepEvents || bytes > keepBytes)
    ) {
      bytes -= estimatedBytes(this.window[end]!);
      end++;
    }
    const leaving = this.window.slice(this.head, end);
    if (this.spillPath !== undefined && this.spillError === undefined && !this.disposed) {
      // A spill that cannot be opened or written (a full disk, a removed or read-only folder)
      // must not stop the call: these events and later ones are dropped instead, once said.
      try {
        this.spill ??= new SpillFile(this.spillPath);
        this.spill.append(leaving);
      } catch (error) {
        this.failSpill(error);
      }
    }
    this.bytes = bytes;
    this.firstSeq += leaving.length;
    this.head = end;
    // Drop the spilled prefix once it is most of the array (amortised O(1) per event).
    if (this.head > 1024 && this.head * 2 > this.window.length) {
      this.window = this.window.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * Spilled events as JSON lines (0600: they may carry request data), seq 0.. in order, with the
 * byte offset of every INDEX_STEP-th event so a page is found without reading from the start.
 */
class SpillFile {
  private readonly fd: number;
  private size = 0;
  private count = 0;
  private readonly offsets: number[] = [];

  constructor(private readonly path: string) {
    this.fd = openSync(path, 'w+', 0o600);
  }

  /** How many events the file holds (written in full). */
  length(): number {
    return this.count;
  }

  /** Writes the events after those in the file; if that throws, the file still holds only those. */
  append(events: readonly CallEvent[]): void {
    if (events.length === 0) return;
    const parts: string[] = [];
    const offsets: number[] = [];
    let offset = this.size;
    let count = this.count;
    for (const event of events) {
      if (count % INDEX_STEP === 0) offsets.push(offset);
      const line = `${JSON.stringify(event)}\n`;
      parts.push(line);
      offset += Buffer.byteLength(line);
      count++;
    }
    const buf = Buffer.from(parts.join(''));
    let written = 0;
    while (written < buf.length)
      written += writeSync(this.fd, buf, written, buf.length - written, this.size + written);
    this.size += buf.length;
    this.count = count;
    this.offsets.push(...offsets);
  }

  /** `limit` events from seq `from` (all of them in the file: the caller checks). */
  read(from: number, limit: number): CallEvent[] {
    const want = Math.min(limit, this.count - from);
    const events: CallEvent[] = [];
    if (want <= 0) return events;
    let seq = Math.floor(from / INDEX_STEP) * INDEX_STEP;
    let position = this.offsets[seq / INDEX_STEP]!;
    // Bytes, not text, carried between chunks: a chunk may end inside a multi-byte character.
    let carry: Buffer = Buffer.alloc(0);
    const chunk = Buffer.allocUnsafe(READ_CHUNK);
    while (events.length < want && position < this.size) {
      const n = readSync(this.fd, chunk, 0, Math.min(READ_CHUNK, this.size - position), position);
      if (n <= 0) break;
      position += n;
      const bytes =
        carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      const cut = bytes.lastIndexOf(0x0a);
      carry = Buffer.from(bytes.subarray(cut + 1));
      if (cut < 0) continue;
      for (const line of bytes.toString('utf8', 0, cut).split('\n')) {
        if (seq++ < from) continue;
        events.push(JSON.parse(line) as CallEvent);
        if (events.length === want) break;
      }
    }
    return events;
  }

  dispose(): void {
    closeSync(this.fd);
    rmSync(this.path, { force: true });
  }
}
