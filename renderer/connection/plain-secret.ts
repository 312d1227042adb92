// Whether a secret field (the proxy password, the password in a proxy URL) holds text sent as
// typed, which would be saved in the request file. Decided with the engine's own scanner
// (shared/workspace/placeholders.ts): `{{not a name}}` is literal text to the engine, so it is plain.
import { VARIABLE_NAME, scanPlaceholders } from '../../shared/workspace/placeholders.js';

/** The text with every placeholder the engine would substitute taken out (the scanner it uses). */
function withoutPlaceholders(text: string): string {
  let left = '';
  let copied = 0;
  scanPlaceholders(text, ({ start, end, inner }) => {
    if (!VARIABLE_NAME.test(inner)) return; // `{{not a name}}` is sent as typed
    left += text.slice(copied, start);
    copied = end;
  });
  return left + text.slice(copied);
}

/** Some of the text is sent as typed, not from a `{{variable}}`: it would be saved in the file. */
export function isPlainSecret(text: string | undefined): boolean {
  return text !== undefined && withoutPlaceholders(text).trim() !== '';
}

/** Exactly one placeholder and nothing else: a name, safe to show. */
export function isOnePlaceholder(text: string): boolean {
  let count = 0;
  scanPlaceholders(text, ({ inner }) => {
    if (VARIABLE_NAME.test(inner)) count++;
  });
  return count === 1 && !isPlainSecret(text);
}

/** `scheme://user:pass@host`: a password in the URL itself, saved as typed. */
export function urlHoldsPassword(url: string): boolean {
  const authority = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/, 1)[0] ?? '';
  const at = authority.lastIndexOf('@');
  if (at < 0) return false;
  const userInfo = authority.slice(0, at);
  const colon = userInfo.indexOf(':');
  return colon >= 0 && isPlainSecret(userInfo.slice(colon + 1));
}
