/** A tiny typed listener registry; a throwing listener must not starve the others. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.set]) {
      try {
        listener(value);
      } catch (error) {
        console.error('gwb transport listener failed', error);
      }
    }
  }

  get size(): number {
    return this.set.size;
  }
}
