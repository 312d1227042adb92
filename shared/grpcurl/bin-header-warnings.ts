// grpcurl sends a `-bin` header value none of the four base64 alphabets decodes as its text, without
// a word. gwb sends it the same way (headerRow converts it into the base64 of that text, which is
// what a request document holds for a -bin key) but says so: a typo in base64 should not pass unseen.
import { binValueEncoding } from './bin-value.js';
import type { GrpcurlFlags } from './flag-types.js';
import { splitHeader } from './header-split.js';

const HEADER_FLAGS = ['H', 'rpc-header', 'reflect-header'] as const;

export type HeaderFlags = Pick<GrpcurlFlags, (typeof HEADER_FLAGS)[number]>;

/** The header flags whose -bin value no base64 alphabet decodes: sent as their text. */
export function binTextHeaders(flags: HeaderFlags): { flag: string; text: string; key: string }[] {
  return HEADER_FLAGS.flatMap((flag) =>
    flags[flag].flatMap((text) => {
      const { key, value } = splitHeader(text);
      if (!key.endsWith('-bin') || binValueEncoding(value) !== undefined) return [];
      return [{ flag, text, key }];
    }),
  );
}

/** One warning line (with its newline) for each header flag whose -bin value is not base64. */
export function binTextWarnings(flags: HeaderFlags): string[] {
  return binTextHeaders(flags).map(
    ({ flag, text, key }) =>
      `Warning: -${flag} ${JSON.stringify(text)}: the value of ${key} is not base64, ` +
      'so its text is sent as it is (as grpcurl does)\n',
  );
}
