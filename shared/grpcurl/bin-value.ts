// The value of a `-bin` metadata key is base64, read as grpcurl (and grpc-go) read it: any of Go's
// four alphabets, tried in turn — standard, URL-safe, each padded or raw (unpadded). One rule for
// every reader: the engine's check of a metadata row (main/metadata) and gwb's -H reading.

const STANDARD = /^[A-Za-z0-9+/]*$/;
const URL_SAFE = /^[A-Za-z0-9_-]*$/;

/** Which Node encoding decodes `text` as one of Go's four base64 alphabets; undefined: none does. */
export function binValueEncoding(text: string): 'base64' | 'base64url' | undefined {
  const body = text.replace(/={1,2}$/, '');
  const padded = body !== text;
  // Padded: the whole text is quads (Go's StdEncoding / URLEncoding). Raw: no '=' at all, and
  // never a lone sixth of a byte left over (RawStdEncoding / RawURLEncoding).
  if (padded ? text.length % 4 !== 0 : body.length % 4 === 1) return undefined;
  if (STANDARD.test(body)) return 'base64';
  if (URL_SAFE.test(body)) return 'base64url';
  return undefined;
}

/** The bytes of `text` (UTF-8) as padded standard base64: what grpcurl sends for text none decodes. */
export function textAsBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
