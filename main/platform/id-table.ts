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

  /**
   * Entries in ascending id order, of the ids the table held when the loop began. During the loop,
   * as with a Map: an id deleted before it is reached is skipped, and a clear() ends the loop (it
   * never yields an id whose value is gone). Unlike a Map, an id added during the loop is not
   * visited, nor is anything set after a clear().
   */
  *[Symbol.iterator](): IterableIterator<[number, V]> {
    // The loop keeps the entries it began with: clear() puts a new object in their place, and a
    // loop over the old one would go on with the ids it held, their values read from the new one.
    const entries = this.entries;
    for (const key of Object.keys(entries)) {
      if (this.entries !== entries) return;
      if (!(key in entries)) continue;
      yield [Number(key), entries[Number(key)] as V];
    }
  }
}
