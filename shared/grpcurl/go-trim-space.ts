// Go's strings.TrimSpace, which grpcurl applies to both halves of a `-H 'name: value'`. Not JS's
// trim(): Go trims U+0085 (NEL) and leaves U+FEFF (BOM); JS does the opposite. The set is Go's
// unicode.IsSpace: \t \n \v \f \r, space, U+0085, U+00A0 and the Unicode space separators.
const GO_SPACE =
  '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING = new RegExp(`^[${GO_SPACE}]+`);
const TRAILING = new RegExp(`[${GO_SPACE}]+$`);

export function goTrimSpace(text: string): string {
  return text.replace(LEADING, '').replace(TRAILING, '');
}
