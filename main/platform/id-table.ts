/**
 * Values by a numeric id (a call's, a stream's, a file's), for tables that gain and lose an entry
 * per call, such as the capture proxy's. A Map does not suit them: when V8 grows or shrinks a Map
 * it leaves the old table pointing at the new one, still holding the values it had. Once one such
 * table has reached the old generation, every later table and everything their values hold
 * survive the young generation's collections until the next full one: each call's closures and
 * promises were promoted (bench:proxy's capture thread).
 *
 * An open-addressing hash table of our own (linear probing, ids and values in two plain arrays):
 * a table that is replaced is emptied first, so nothing old points at a value, and a deleted slot
 * is cleared at once. A null-prototype object keyed by id did as much for the promotions, but V8
 * keeps its numeric keys in a dictionary it reallocates as it grows and shrinks: ~330 ns a set
 * and delete against ~55–90 for a Map or this table, 4–5% of the capture thread's work on a unary
 * call. (Ids in a Float64Array with NaN for none ran as fast, but under valgrind, whose counts
 * we compare builds by, it cost 14 times a Map's instructions: this costs 2.5 times, the object
 * 4.3.) Ids are integers; iterates in ascending id order.
 */
export class IdTable<V> {
  /** The ids by slot; undefined where none. */
  private ids: (number | undefined)[];
  private slots: (V | undefined)[];
  private mask: number;
  /** 32 − log2(capacity): home() keeps the top bits of the id's scrambled hash. */
  private shift: number;
  private count = 0;
  /** Bumped by clear(): a loop begun before it ends (see the iterator). */
  private generation = 0;

  constructor() {
    this.ids = emptyIds(MIN_CAPACITY);
    this.slots = emptySlots(MIN_CAPACITY);
    this.mask = MIN_CAPACITY - 1;
    this.shift = shiftOf(MIN_CAPACITY);
  }

  get size(): number {
    return this.count;
  }

  get(id: number): V | undefined {
    const at = this.find(id);
    return at < 0 ? undefined : this.slots[at];
  }

  has(id: number): boolean {
    return this.find(id) >= 0;
  }

  set(id: number, value: V): void {
    const at = this.find(id);
    if (at >= 0) {
      this.slots[at] = value;
      return;
    }
    // At most half full: probes stay short, and a free slot always ends them.
    if ((this.count + 1) * 2 > this.ids.length) this.resize(this.ids.length * 2);
    let slot = this.home(id);
    while (this.ids[slot] !== undefined) slot = (slot + 1) & this.mask;
    this.ids[slot] = id;
    this.slots[slot] = value;
    this.count++;
  }

  delete(id: number): boolean {
    let hole = this.find(id);
    if (hole < 0) return false;
    // Backward-shift deletion: each entry after the hole that could live in it moves back, so a
    // lookup's probe never meets a gap before its id (no tombstones to sweep).
    const { ids, slots, mask } = this;
    for (let next = (hole + 1) & mask; ids[next] !== undefined; next = (next + 1) & mask) {
      const home = this.home(ids[next] as number);
      // The entry at `next` may move into the hole unless its home lies cyclically in (hole, next].
      const stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (stays) continue;
      ids[hole] = ids[next] as number;
      slots[hole] = slots[next];
      hole = next;
    }
    ids[hole] = undefined;
    slots[hole] = undefined;
    this.count--;
    // A table that held a burst shrinks back once it is mostly empty.
    if (this.ids.length > MIN_CAPACITY && this.count * 8 < this.ids.length)
      this.resize(this.ids.length / 2);
    return true;
  }

  clear(): void {
    this.slots.fill(undefined); // as in resize(): nothing old points at a value
    this.slots = emptySlots(MIN_CAPACITY);
    this.ids = emptyIds(MIN_CAPACITY);
    this.mask = MIN_CAPACITY - 1;
    this.shift = shiftOf(MIN_CAPACITY);
    this.count = 0;
    this.generation++;
  }

  values(): V[] {
    return this.sortedIds().map((id) => this.get(id) as V);
  }

  /**
   * Entries in ascending id order, of the ids the table held when the loop began. During the loop,
   * as with a Map: an id deleted before it is reached is skipped, and a clear() ends the loop (it
   * never yields an id whose value is gone). Unlike a Map, an id added during the loop is not
   * visited, nor is anything set after a clear().
   */
  *[Symbol.iterator](): IterableIterator<[number, V]> {
    const generation = this.generation;
    for (const id of this.sortedIds()) {
      if (this.generation !== generation) return;
      const at = this.find(id);
      if (at >= 0) yield [id, this.slots[at] as V];
    }
  }

  /** The slot holding `id`, or -1. */
  private find(id: number): number {
    const ids = this.ids;
    for (let slot = this.home(id); ; slot = (slot + 1) & this.mask) {
      const held = ids[slot];
      if (held === id) return slot;
      if (held === undefined) return -1;
    }
  }

  /**
   * Where an id's probe starts: Fibonacci hashing, which scatters sequential ids. With the id's
   * low bits alone, live ids (a window of sequential ones) sat in one run of slots, and a delete
   * (whose backward shift looks on to the run's end) cost as much as the whole window: a
   * recording thread thousands of files behind made every close slower.
   */
  private home(id: number): number {
    return Math.imul(id | 0, 0x9e3779b1) >>> this.shift;
  }

  /** Moves every entry into fresh arrays of `capacity` slots; the old ones are emptied. */
  private resize(capacity: number): void {
    const oldIds = this.ids;
    const oldSlots = this.slots;
    this.ids = emptyIds(capacity);
    this.slots = emptySlots(capacity);
    this.mask = capacity - 1;
    this.shift = shiftOf(capacity);
    for (let at = 0; at < oldIds.length; at++) {
      const id = oldIds[at];
      if (id === undefined) continue;
      let slot = this.home(id);
      while (this.ids[slot] !== undefined) slot = (slot + 1) & this.mask;
      this.ids[slot] = id;
      this.slots[slot] = oldSlots[at];
      // The old array may be in the old generation: a value it still pointed at would survive
      // young collections until a full one, however soon it is deleted here.
      oldSlots[at] = undefined;
    }
  }

  private sortedIds(): number[] {
    const held: number[] = [];
    for (const id of this.ids) if (id !== undefined) held.push(id);
    return held.sort((a, b) => a - b);
  }
}

/** A power of two (the mask), so a table of a few calls never resizes. */
const MIN_CAPACITY = 32;

function shiftOf(capacity: number): number {
  return 32 - Math.log2(capacity);
}

function emptyIds(capacity: number): (number | undefined)[] {
  return new Array<number | undefined>(capacity).fill(undefined);
}

function emptySlots<V>(capacity: number): (V | undefined)[] {
  return new Array<V | undefined>(capacity).fill(undefined);
}
