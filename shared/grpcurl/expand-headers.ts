// grpcurl's -expand-headers: `${NAME}` in -H, -rpc-header and -reflect-header replaced by the
// environment variable NAME (grpcurl's ExpandHeaders: the whole `name: value` text, `${` + Go's \w
// + `}`, no other expansion or escaping). A variable that is not set is an error, in grpcurl's
// words: it names the header, the variable and which of the three flags.
import { GrpcurlError } from './errors.js';
import type { GrpcurlFlags } from './flag-types.js';

type HeaderFlag = 'H' | 'rpc-header' | 'reflect-header';

/** grpcurl's fail() prefix for each flag (main.go: "Failed to expand additional headers", …). */
const WHICH: Record<HeaderFlag, string> = {
  H: 'additional headers',
  'rpc-header': 'rpc headers',
  'reflect-header': 'reflection headers',
};

const VARIABLE = /\$\{(\w+)\}/g;

/** The flags with their headers expanded from `env`; throws GrpcurlError on an unset variable. */
export function expandHeaderFlags(
  flags: GrpcurlFlags,
  env: Readonly<Record<string, string | undefined>>,
): GrpcurlFlags {
  const expanded = { ...flags };
  for (const flag of Object.keys(WHICH) as HeaderFlag[])
    expanded[flag] = flags[flag]
      .map((header) => expandHeader(header, flag, env))
      // A header that expands to nothing is no header, as an empty -H '' is (skipEmpty).
      .filter((header) => header !== '');
  return expanded;
}

function expandHeader(
  header: string,
  flag: HeaderFlag,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return header.replace(VARIABLE, (_, name: string) => {
    const value = env[name];
    if (value === undefined) {
      throw new GrpcurlError(
        `Failed to expand ${WHICH[flag]}: header ${JSON.stringify(header)} refers to missing ` +
          `environment variable ${JSON.stringify(name)}`,
        flag,
        header,
      );
    }
    return value;
  });
}
