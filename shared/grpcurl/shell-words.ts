// Splits a pasted shell command line into words the way a POSIX shell would for the parts people
// actually paste: single quotes, double quotes (with \" \\ \$ \` escapes), backslash escapes and
// line continuations. Nothing is expanded or executed.
import { GrpcurlError } from './errors.js';

export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const s = line;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === '\\') {
      const next = s[i + 1];
      if (next === '\n')
        i += 2; // line continuation
      else if (next === '\r' && s[i + 2] === '\n') i += 3;
      else if (next === undefined) i += 1;
      else {
        word += next;
        inWord = true;
        i += 2;
      }
      continue;
    }
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end === -1) throw new GrpcurlError(`unterminated ' quote starting at character ${i + 1}`);
      word += s.slice(i + 1, end);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= s.length)
          throw new GrpcurlError(`unterminated " quote starting at character ${i + 1}`);
        const d = s[j] as string;
        if (d === '"') break;
        if (d === '\\' && '"\\$`\n'.includes(s[j + 1] ?? '')) {
          if (s[j + 1] !== '\n') word += s[j + 1];
          j += 2;
          continue;
        }
        word += d;
        j++;
      }
      inWord = true;
      i = j + 1;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
      continue;
    }
    word += c;
    inWord = true;
    i++;
  }
  if (inWord) words.push(word);
  return words;
}
