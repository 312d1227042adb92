// Errors in the user's words: the engine names document fields (`connection.security.caFile:
// cannot read …`), gwb's user typed flags, so the field becomes the flag that sets it (`-cacert:
// cannot read …`), from the flag table.
import { GRPCURL_FLAGS, type FlagName } from '../../shared/grpcurl/index.js';

/** Document field → the flags that set it, longest field first so the most precise one wins. */
const FIELD_FLAGS: [string, string][] = (() => {
  const byField = new Map<string, string[]>();
  for (const [name, def] of Object.entries(GRPCURL_FLAGS)) {
    const field = (def as { request?: { field: string } }).request?.field;
    if (field === undefined || name === ('import-path' satisfies FlagName)) continue;
    byField.set(field, [...(byField.get(field) ?? []), `-${name}`]);
  }
  return [...byField.entries()]
    .map(([field, flags]): [string, string] => [field, flags.join('/')])
    .sort((a, b) => b[0].length - a[0].length);
})();

/** The message with a leading document field (`request.` or not) named as its flag. */
export function errorText(error: Error): string {
  const message = error.message;
  for (const [field, flags] of FIELD_FLAGS) {
    for (const prefix of [`request.${field}`, field]) {
      if (!message.startsWith(prefix)) continue;
      const rest = message.slice(prefix.length);
      if (rest.startsWith(': ') || rest.startsWith('[') || rest.startsWith('.'))
        return `${flags}${rest}`;
    }
  }
  return message;
}
