// How a path inside a value is shown to people, everywhere: `user.tags[2].name`.

/** Numbers are indexes (`[2]`), anything else a key (`.name`); `whole` names the empty path. */
export function formatPath(path: readonly PropertyKey[], whole = '(root)'): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? whole : out;
}
