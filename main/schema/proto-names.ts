/** protoc's ToJsonName: drop underscores, capitalise the letter after each. */
export function jsonNameOf(name: string): string {
  let out = '';
  let upper = false;
  for (const c of name) {
    if (c === '_') upper = true;
    else if (upper) {
      out += c.toUpperCase();
      upper = false;
    } else out += c;
  }
  return out;
}

/** protoc's MapEntryName: `my_map` → `MyMapEntry`. */
export function mapEntryName(fieldName: string): string {
  let out = '';
  let upper = true;
  for (const c of fieldName) {
    if (c === '_') upper = true;
    else if (upper) {
      out += c.toUpperCase();
      upper = false;
    } else out += c;
  }
  return out + 'Entry';
}
