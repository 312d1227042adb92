// POSIX shell quoting for the command lines we write ("Copy as grpcurl", exports): the one
// implementation; shellWords reads them back.

/** Characters a POSIX shell never treats specially inside a word. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Single-quotes a word unless it is plainly safe; an embedded `'` becomes `'\''`. */
export function shellQuote(word: string): string {
  if (PLAIN_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Words → one command line. */
export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
