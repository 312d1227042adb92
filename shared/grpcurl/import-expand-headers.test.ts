import { describe, expect, it } from 'vitest';
import { GrpcurlError } from './errors.js';
import { parseGrpcurlCommand } from './parse-command.js';
import { grpcurlCommand } from './to-command.js';

// An imported command with -expand-headers: its `${NAME}` are read from the environment by
// grpcurl; a request document is sent with the workspace's variables, so each becomes {{NAME}}.
// Kept literally, the document would send `${TOKEN}`, and Copy as grpcurl (which has no
// -expand-headers to write) would give a command that sends it too.
const COMMAND =
  "grpcurl -plaintext -expand-headers -H 'authorization: Bearer ${TOKEN}' " +
  "-rpc-header 'x-kind: ${KIND}-${TOKEN}' localhost:1 a.S/M";

describe('importing -expand-headers', () => {
  it('turns ${NAME} in header rows into the variable {{NAME}}, with a note, not "not kept"', () => {
    const { request, ignored, notes } = parseGrpcurlCommand(COMMAND);
    expect(request.metadata).toEqual([
      { key: 'authorization', value: 'Bearer {{TOKEN}}' },
      { key: 'x-kind', value: '{{KIND}}-{{TOKEN}}' },
    ]);
    expect(ignored).toEqual([]);
    expect(notes).toEqual([
      "-expand-headers: ${TOKEN} is {{TOKEN}}, ${KIND} is {{KIND}}, a variable of the workspace's environment (set it there)",
    ]);
  });

  it('round-trips: Copy as grpcurl writes {{NAME}}, never a ${NAME} sent literally', () => {
    const { request } = parseGrpcurlCommand(COMMAND);
    const copied = grpcurlCommand(request);
    expect(copied).not.toContain('${');
    expect(copied).toContain("-H 'authorization: Bearer {{TOKEN}}'");
    expect(parseGrpcurlCommand(copied)).toEqual({ request, ignored: [], notes: [] });
  });

  it('without the flag, ${NAME} is text, as grpcurl sends it', () => {
    const { request, notes } = parseGrpcurlCommand(
      "grpcurl -plaintext -H 'authorization: Bearer ${TOKEN}' localhost:1 a.S/M",
    );
    expect(request.metadata).toEqual([{ key: 'authorization', value: 'Bearer ${TOKEN}' }]);
    expect(notes).toEqual([]);
  });

  it('refuses a ${NAME} that cannot be a variable name, naming it', () => {
    expect(() =>
      parseGrpcurlCommand("grpcurl -plaintext -expand-headers -H 'a: ${1X}' localhost:1 a.S/M"),
    ).toThrow(GrpcurlError);
    expect(() =>
      parseGrpcurlCommand("grpcurl -plaintext -expand-headers -H 'a: ${1X}' localhost:1 a.S/M"),
    ).toThrow(/-expand-headers: \$\{1X\} in "a: \$\{1X\}" cannot be a workspace variable/);
  });

  it('refuses a ${NAME} in a header name (names are lower-cased: {{KIND}} would be {{kind}})', () => {
    expect(() =>
      parseGrpcurlCommand(
        "grpcurl -plaintext -expand-headers -rpc-header 'x-${KIND}: v' localhost:1 a.S/M",
      ),
    ).toThrow(
      /-expand-headers: \$\{KIND\} in "x-\$\{KIND\}: v" in a header name cannot be kept; write it out/,
    );
  });
});
