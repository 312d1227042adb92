// The byte helpers the recording line writers (message-line, header-line, event-line) share:
// each line is measured, then written straight into the writer's batch at a position.

/** The bytes of an ASCII text (a line's fixed keys and punctuation), made once per text. */
export const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** Copies `bytes` to `at` of `buf`; returns the position after them. */
export function put(buf: Buffer, at: number, bytes: Uint8Array): number {
  buf.set(bytes, at);
  return at + bytes.length;
}

/** Writes `text` as UTF-8 at `at` of `buf`; returns the position after it. */
export function putText(buf: Buffer, at: number, text: string): number {
  return at + buf.write(text, at);
}
