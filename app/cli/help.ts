import { flagSections } from './help-flags.js';
import { SUBCOMMANDS } from './subcommands.js';

const subcommandLines = (): string =>
  SUBCOMMANDS.map((c) => `  gwb ${c.usage}\n      ${c.summary}\n`).join('');

/**
 * `gwb --help`, also printed after a flag error. Written when asked for: every command imports
 * this module, and a text built as it loads (the flag table's sections, every subcommand's line)
 * cost each start, `gwb -version` and calls too (~4 M instructions, callgrind).
 */
export const helpText = (): string => `gwb — gRPC Workbench on the command line (grpcurl-compatible)

Usage:
  gwb [flags] ADDRESS list [SERVICE]        list services, or the methods of SERVICE
  gwb [flags] ADDRESS describe [SYMBOL]     describe a service, method, message, enum or field
  gwb [flags] ADDRESS SERVICE/METHOD        call a method (SERVICE.METHOD works too)
  gwb [flags] list|describe ...             with -proto/-protoset, no server is needed

Commands of gwb's own (options after the command name):
${subcommandLines()}
ADDRESS is host:port (or any grpc-js target such as unix:/path). Flags take one dash or two,
as -flag value or -flag=value; boolean flags also accept -flag=false.

${flagSections()}
Output and exit codes (as grpcurl):
  Each response message is printed as JSON (two-space indent) on stdout.
  A non-OK status prints on stderr
      ERROR:
        Code: NotFound
        Message: user "7" not found
        Details: ...
  and exits with 64 + the status code (NOT_FOUND = 5 → 69). A command line that cannot be run
  (unknown flag, bad value, too few or too many arguments, flags that contradict each other)
  exits 2. Unreadable files, bad JSON bodies and connection failures print one line "gwb: ..."
  and exit 1. Ctrl-C during a call cancels it and exits 130. gwb replay exits 0 (same),
  1 (different) or 2 (could not run).

Examples:
  gwb demo-server --port 50051
  gwb -plaintext localhost:50051 list
  gwb -plaintext localhost:50051 describe example.UserService
  gwb -plaintext -msg-template localhost:50051 describe example.Record
  gwb -plaintext -d '{"id":"1"}' localhost:50051 example.UserService/GetUser
  gwb -plaintext -d '{"sender":"Ada"} {"sender":"Alan"}' localhost:50051 example.ChatService/Chat
  gwb -plaintext -proto example.proto -import-path ./protos localhost:50051 example.LogService/Tail
`;
