// @bufbuild/protobuf encodes bytes fields to base64 with `Uint8Array.prototype.toBase64` when the
// runtime has it (newer V8) and otherwise with a string-concatenation loop that is ~150× slower
// and, worse, leaves rope strings that hold ~30× their size in memory: a 1 MiB bytes field took
// 220 ms and tens of MB. Node 20 lacks the method, so we provide it from Buffer. bufbuild reads
// the method once when its module loads, so every entry point imports this module first.

interface ToBase64Options {
  alphabet?: 'base64' | 'base64url';
  omitPadding?: boolean;
}

declare global {
  interface Uint8Array {
    toBase64?(options?: ToBase64Options): string;
  }
}

if (typeof Uint8Array.prototype.toBase64 !== 'function') {
  Object.defineProperty(Uint8Array.prototype, 'toBase64', {
    configurable: true,
    writable: true,
    value: function toBase64(this: Uint8Array, options?: ToBase64Options): string {
      const url = options?.alphabet === 'base64url';
      const text = Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString(
        url ? 'base64url' : 'base64',
      );
      if (url) {
        // Buffer's base64url never pads; the standard method pads unless told not to.
        return options?.omitPadding ? text : text + '='.repeat((4 - (text.length % 4)) % 4);
      }
      return options?.omitPadding ? text.replace(/=+$/, '') : text;
    },
  });
}

export {};
