// grpcurl sends a `-bin` header value none of the four base64 alphabets decodes as its text, without
// a word. gwb sends it the same way (headerRow converts it into the base64 of that text, which is
// what a request document holds for a -bin key) but says so: a typo in base64 should not pass unseen.
import { binValueEncoding } from './bin-value.js';
import type { GrpcurlFlags } from './flag-types.js';
import { splitHeader } from './header-split.js';
import { hasPlaceholder } from '../workspace/placeholders.js';

const HEADER_FLAGS = ['H', 'rpc-header', 'reflect-header'] as const;

export type HeaderFlags = Pick<GrpcurlFlags, (typeof HEADER_FLAGS)[number]>;

/** The header flags whose -bin value no base64 alphabet decodes: sent as their text. */
export function binTextHeaders(
  flags: HeaderFlags,
): { flag: string; text: string; key: string; value: string }[] {
  return HEADER_FLAGS.flatMap((flag) =>
    flags[flag].flatMap((text) => {
      const { key, value } = splitHeader(text);
      if (!key.endsWith('-bin') || binValueEncoding(value) !== undefined) return [];
      return [{ flag, text, key, value }];
    }),
  );
}

/**
 * One warning line (with its newline) for each header flag whose -bin value is not base64. The
 * header's name and the value's length only: the value may be a token, and these lines end up in
 * CI logs (grpcurl itself says nothing, so the wording is gwb's own). A `{{variable}}` there is
 * said too: the text is base64-encoded as it is typed (headerRow, when the flags are read), before
 * any environment is applied, so subcommands with --env send the braces, not the value.
 */
export function binTextWarnings(flags: HeaderFlags): string[] {
  return binTextHeaders(flags).map(({ flag, key, value }) => {
    const variables = hasPlaceholder(value)
      ? '; {{variables}} in it are not substituted (a -bin value that is not base64 is encoded as typed)'
      : '';
    return (
      `Warning: -${flag} ${key}: its value (${value.length} characters) is not base64, ` +
      `so its text is sent as it is (as grpcurl does)${variables}\n`
    );
  });
}
