// grpcurl's -expand-headers: `${NAME}` in -H, -rpc-header and -reflect-header replaced by the
// environment variable NAME (grpcurl's ExpandHeaders: the whole `name: value` text, `${` + Go's \w
// + `}`, no other expansion or escaping). A variable that is not set is an error, in grpcurl's
// words: it names the header, the variable and which of the three flags.
import { GrpcurlError } from './errors.js';
import { VARIABLE_NAME } from '../workspace/placeholders.js';
import type { GrpcurlFlags } from './flag-types.js';

type HeaderFlag = 'H' | 'rpc-header' | 'reflect-header';

/** grpcurl's fail() prefix for each flag (main.go: "Failed to expand additional headers", …). */
const WHICH: Record<HeaderFlag, string> = {
  H: 'additional headers',
  'rpc-header': 'rpc headers',
  'reflect-header': 'reflection headers',
};

const VARIABLE = /\$\{(\w+)\}/g;
const ONE_VARIABLE = /\$\{\w+\}/;

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

/**
 * An imported command's -expand-headers: a request document is sent with the workspace's
 * variables, not the shell's environment, so each `${NAME}` becomes the variable `{{NAME}}` (a
 * document keeping `${NAME}` would send it literally, and Copy as grpcurl would write it without
 * -expand-headers). Returns the flags and the names turned into variables, in order, once each.
 */
export function headerFlagsAsVariables(flags: GrpcurlFlags): {
  flags: GrpcurlFlags;
  names: string[];
} {
  const names = new Set<string>();
  const converted = { ...flags };
  for (const flag of Object.keys(WHICH) as HeaderFlag[])
    converted[flag] = flags[flag].map((header) => {
      const colon = header.indexOf(':');
      const name = colon === -1 ? header : header.slice(0, colon);
      // A header's name is lower-cased as it is read (grpcurl does it after expanding): {{KIND}}
      // would become {{kind}}, another variable.
      const inName = ONE_VARIABLE.exec(name)?.[0];
      if (inName !== undefined)
        throw refused(inName, header, flag, 'in a header name cannot be kept');
      return header.replace(VARIABLE, (_, variable: string) => {
        if (!VARIABLE_NAME.test(variable))
          throw refused(
            `\${${variable}}`,
            header,
            flag,
            'cannot be a workspace variable (a name starts with a letter or _)',
          );
        names.add(variable);
        return `{{${variable}}}`;
      });
    });
  return { flags: converted, names: [...names] };
}

function refused(variable: string, header: string, flag: HeaderFlag, why: string): GrpcurlError {
  return new GrpcurlError(
    `-expand-headers: ${variable} in ${JSON.stringify(header)} ${why}; write it out`,
    flag,
    header,
  );
}
