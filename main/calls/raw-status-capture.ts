import * as grpc from '@grpc/grpc-js';

/**
 * grpc-js turns a `grpc-status` trailer that is not a number (e.g. "abc") into code NaN and
 * removes the header from the trailers before anyone can see it. To show the server's raw value,
 * we remember what `remove('grpc-status')` dropped, keyed by the trailers object (the same object
 * later handed to us as status.metadata). It only records; grpc-js behaviour is unchanged.
 */
const removedStatus = new WeakMap<grpc.Metadata, string>();
let installed = false;

export function installRawStatusCapture(): void {
  if (installed) return;
  installed = true;
  const proto = grpc.Metadata.prototype;
  const originalRemove = proto.remove;
  proto.remove = function remove(this: grpc.Metadata, key: string): void {
    if (key === 'grpc-status') {
      const value = this.get(key)[0];
      if (typeof value === 'string' && !/^\d+$/.test(value)) removedStatus.set(this, value);
    }
    originalRemove.call(this, key);
  };
}

/** The non-numeric `grpc-status` the server sent, if these trailers had one. */
export function rawStatusOf(trailers: grpc.Metadata | undefined): string | undefined {
  return trailers ? removedStatus.get(trailers) : undefined;
}
