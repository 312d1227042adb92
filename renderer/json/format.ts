// Re-indents JSON text token by token, keeping every number exactly as written (a 64-bit integer
// written as a number must not pass through a double). Text that is not JSON comes back unchanged.
import { locateJson } from './locate.js';

export function formatJsonText(text: string, indent = 2): string {
  try {
    locateJson(text);
  } catch {
    return text;
  }
  let out = '';
  let depth = 0;
  const nl = (): string => '\n' + ' '.repeat(depth * indent);
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      let j = i + 1;
      while (/\s/.test(text[j] ?? '')) j++;
      if (text[j] === close) {
        out += c + close;
        i = j;
      } else {
        depth++;
        out += c + nl();
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out += nl() + c;
    } else if (c === ',') out += ',' + nl();
    else if (c === ':') out += ': ';
    else if (!/\s/.test(c)) out += c;
  }
  return out;
}
