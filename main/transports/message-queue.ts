// The messages a client or bidi stream sends, as the async iterable a connect-es transport reads:
// a message waits here until the transport takes it, and its sender hears of that then (the
// session writes the next one from there), so a fast sender never outruns the wire.

interface Queued<T> {
  value: T;
  taken: (() => void) | undefined;
}

export class MessageQueue<T> implements AsyncIterable<T> {
  private readonly items: Queued<T>[] = [];
  private head = 0;
  private ended = false;
  private waiting: ((result: IteratorResult<T>) => void) | undefined;

  push(value: T, taken?: () => void): void {
    if (this.ended) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value, done: false });
      if (taken) queueMicrotask(taken);
      return;
    }
    this.items.push({ value, taken });
  }

  /** No more messages: the transport half-closes once it has taken those queued. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting && this.head === this.items.length) waiting({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    // connect-es ends the input with return() or throw() when the call ends first.
    const done = (): Promise<IteratorResult<T>> => {
      this.end();
      this.items.length = 0;
      this.head = 0;
      return Promise.resolve({ value: undefined, done: true });
    };
    return { next: () => this.next(), return: done, throw: done };
  }

  private next(): Promise<IteratorResult<T>> {
    if (this.head < this.items.length) {
      const item = this.items[this.head] as Queued<T>;
      this.items[this.head++] = undefined as unknown as Queued<T>;
      if (this.head === this.items.length) {
        this.items.length = 0;
        this.head = 0;
      }
      if (item.taken) queueMicrotask(item.taken);
      return Promise.resolve({ value: item.value, done: false });
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }
}
