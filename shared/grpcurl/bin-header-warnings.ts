// grpcurl sends a `-bin` header value none of the four base64 alphabets decodes as its text, without
// a word. gwb sends it the same way (headerRow converts it into the base64 of that text, which is
// what a request document holds for a -bin key) but says so: a typo in base64 should not pass unseen.
import { binValueEncoding } from './bin-value.js';
import type { GrpcurlFlags } from './flag-types.js';
import { splitHeader } from './header-split.js';
import { hasPlaceholder } from '../workspace/placeholders.js';

const HEADER_FLAGS = ['H', 'rpc-header', 'reflect-header'] as const;

export type HeaderFlags = Pick<GrpcurlFlags, (typeof HEADER_FLAGS)[number]>;

/**
 * Whether a header flag's value is sent as its text: a -bin value no base64 alphabet decodes.
 * Not one holding a `{{variable}}`: that is kept as typed and substituted first, as every other
 * header (and grpcurl's -expand-headers) is; the value it becomes is then base64, as a saved
 * request's -bin row is, or the call is refused naming the row.
 */
export function sentAsText(key: string, value: string): boolean {
  return key.endsWith('-bin') && binValueEncoding(value) === undefined && !hasPlaceholder(value);
}

/** The header flags whose -bin value no base64 alphabet decodes: sent as their text. */
export function binTextHeaders(
  flags: HeaderFlags,
): { flag: string; text: string; key: string; value: string }[] {
  return HEADER_FLAGS.flatMap((flag) =>
    flags[flag].flatMap((text) => {
      const { key, value } = splitHeader(text);
      return sentAsText(key, value) ? [{ flag, text, key, value }] : [];
    }),
  );
}

/**
 * One warning line (with its newline) for each header flag whose -bin value is not base64. The
 * header's name and the value's length only: the value may be a token, and these lines end up in
 * CI logs (grpcurl itself says nothing, so the wording is gwb's own).
 */
export function binTextWarnings(flags: HeaderFlags): string[] {
  return binTextHeaders(flags).map(
    ({ flag, key, value }) =>
      `Warning: -${flag} ${key}: its value (${value.length} characters) is not base64, ` +
      `so its text is sent as it is (as grpcurl does)\n`,
  );
}
