// List concatenation that `map` and `filter` can afford. CEL's macros build their result one
// step at a time (`@result + [f(x)]`); @bufbuild/cel answers each `+` with a list of the two
// lists, so a result of n items is n lists deep: every later read of it walks that chain, which
// made `messages.map(m, m.id).all(…)` quadratic (half a second for 1,000 messages) and a deep
// enough chain overflows the stack. Here a list made by `+` owns an array it may grow: appending
// to the newest view pushes in place (amortized O(added)); appending to an older view copies.
// Every view reads only its own prefix of the array, so values never change under anyone.
import {
  celFunc,
  CelScalar,
  listType,
  type CelFunc,
  type CelList,
  type CelValue,
} from '@bufbuild/cel';
import { currentMeter } from './meter.js';

/** @bufbuild/cel recognizes a list by this mark (list.js isCelList). */
const CEL_LIST = Symbol.for('@bufbuild/cel/list');

class AppendList {
  readonly [CEL_LIST] = {};
  constructor(
    private readonly items: CelValue[],
    readonly size: number,
  ) {}

  get(index: number): CelValue | undefined {
    return index >= 0 && index < this.size ? this.items[index] : undefined;
  }

  *values(): IterableIterator<CelValue> {
    for (let i = 0; i < this.size; i++) yield this.items[i] as CelValue;
  }

  [Symbol.iterator](): IterableIterator<CelValue> {
    return this.values();
  }

  /** Whether nothing was appended after this view: it may grow its array in place. */
  isNewest(): boolean {
    return this.items.length === this.size;
  }

  appended(more: CelList): AppendList {
    for (const item of more) this.items.push(item);
    return new AppendList(this.items, this.items.length);
  }
}

function concat(left: CelList, right: CelList): CelList {
  const meter = currentMeter();
  if (left instanceof AppendList && left.isNewest()) {
    meter.charge(Math.floor(right.size / 8));
    return left.appended(right) as unknown as CelList;
  }
  meter.charge(Math.floor((left.size + right.size) / 8));
  const items = [...left, ...right];
  return new AppendList(items, items.length) as unknown as CelList;
}

const LIST = listType(CelScalar.DYN);

/** `list + list`, replacing @bufbuild/cel's own (registered after it, so found first). */
export function listAppend(): CelFunc {
  return celFunc('_+_', [LIST, LIST], LIST, concat);
}
