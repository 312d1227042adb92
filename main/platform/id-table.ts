/**
 * Values by a numeric id (a call's, a stream's, a file's), for tables that gain and lose an entry
 * per call, such as the capture proxy's. A Map does not suit them: when V8 grows or shrinks a Map
 * it leaves the old table pointing at the new one, still holding the values it had. Once one such
 * table has reached the old generation, every later table and everything their values hold
 * survive the young generation's collections until the next full one: each call's closures and
 * promises were promoted (bench:proxy's capture thread). The numeric keys of a null-prototype
 * object leave no such chain. Iterates in ascending id order.
 */
export class IdTable<V> {
  private entries = Object.create(null) as Record<number, V>;
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(id: number): V | undefined {
    return this.entries[id];
  }

  has(id: number): boolean {
    return id in this.entries;
  }

  set(id: number, value: V): void {
    if (!(id in this.entries)) this.count++;
    this.entries[id] = value;
  }

  delete(id: number): boolean {
    if (!(id in this.entries)) return false;
    delete this.entries[id];
    this.count--;
    return true;
  }

  clear(): void {
    this.entries = Object.create(null) as Record<number, V>;
    this.count = 0;
  }

  values(): V[] {
    return Object.values(this.entries);
  }

  /** Entries in ascending id order; one deleted meanwhile and not yet reached is skipped. */
  *[Symbol.iterator](): IterableIterator<[number, V]> {
    for (const key in this.entries) yield [Number(key), this.entries[Number(key)] as V];
  }
}
