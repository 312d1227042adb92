import { SUBCOMMANDS } from './subcommands.js';

const subcommandLines = SUBCOMMANDS.map((c) => `  gwb ${c.usage}\n      ${c.summary}\n`).join('');

export const HELP = `gwb — gRPC Workbench on the command line (grpcurl-compatible)

Usage:
  gwb [flags] ADDRESS list [SERVICE]        list services, or the methods of SERVICE
  gwb [flags] ADDRESS describe [SYMBOL]     describe a service, method, message, enum or field
  gwb [flags] ADDRESS SERVICE/METHOD        call a method (SERVICE.METHOD works too)
  gwb [flags] list|describe ...             with -proto/-protoset, no server is needed

Commands of gwb's own (options after the command name):
${subcommandLines}
ADDRESS is host:port (or any grpc-js target such as unix:/path). Flags take one dash or two,
as -flag value or -flag=value; boolean flags also accept -flag=false.

Connection:
  -plaintext             use plain-text HTTP/2 (no TLS); without it gwb uses TLS, like grpcurl
  -insecure              TLS without verifying the server certificate (never done unless asked)
  -cacert FILE           trust the CA certificate(s) in FILE (PEM) instead of the system roots
  -cert FILE             client certificate (PEM), for mutual TLS; needs -key
  -key FILE              private key of the client certificate (PEM)
  -servername NAME       name to verify the server certificate against (and SNI)
  -authority NAME        value of the :authority pseudo-header
  -unix                  ADDRESS is the path of a Unix domain socket
  -connect-timeout SECS  how long to wait for the connection (default 10)
  -max-time SECS         deadline for the whole call, fractions allowed
  -max-msg-sz BYTES      largest response message accepted (default 4 MiB)
  -keepalive-time SECS   ping an idle connection this often to keep it open

Metadata:
  -H 'name: value'       header sent with reflection and RPC requests (repeatable);
                         -bin keys take base64 values
  -rpc-header 'n: v'     header sent only with the RPC (repeatable)
  -reflect-header 'n: v' header sent only with reflection requests (repeatable)

Schema:
  -proto FILE            .proto source file (repeatable); disables reflection unless
                         -use-reflection is given
  -import-path DIR       where imports are looked up (repeatable); google/protobuf/* need none
  -protoset FILE         binary FileDescriptorSet, e.g. from protoc --include_imports
                         --descriptor_set_out or buf build -o (repeatable)
  -use-reflection        ask the server (reflection v1, then v1alpha); the default when no
                         -proto/-protoset is given; with them, files fill in what the server lacks

Request and response:
  -d DATA                request body as JSON; '@' reads it from stdin. Client and bidi streams
                         take several JSON objects one after another: -d '{"a":1} {"a":2}';
                         with -d @ each one is sent as soon as stdin completes it, and the
                         stream is half-closed at end of input (Ctrl-D).
                         Without -d, a unary or server-stream call sends an empty message.
  -emit-defaults         print fields that hold their default value
  -allow-unknown-fields  ignore JSON fields the request type does not have (default: error)
  -format json           the only output format (accepted for grpcurl compatibility)
  -format-error          print a non-OK status as google.rpc.Status JSON on stderr
  -msg-template          with describe of a message: also print an example JSON of it
  -record FILE           write the call (every message, metadata and status) to FILE as a
                         recording, for gwb replay and gwb mock
  -v                     verbose: method descriptor, request metadata, response headers and
                         trailers, and a count of messages
  -h, -help              this help
  -version               print the version

Output and exit codes (as grpcurl):
  Each response message is printed as JSON (two-space indent) on stdout.
  A non-OK status prints on stderr
      ERROR:
        Code: NotFound
        Message: user "7" not found
        Details: ...
  and exits with 64 + the status code (NOT_FOUND = 5 → 69). Usage errors, unreadable files, bad
  JSON bodies and connection failures print one line "gwb: ..." and exit 1. Ctrl-C during a
  call cancels it and exits 130. gwb replay exits 0 (same), 1 (different) or 2 (could not run).

Examples:
  gwb demo-server --port 50051
  gwb -plaintext localhost:50051 list
  gwb -plaintext localhost:50051 describe example.UserService
  gwb -plaintext -msg-template localhost:50051 describe example.Record
  gwb -plaintext -d '{"id":"1"}' localhost:50051 example.UserService/GetUser
  gwb -plaintext -d '{"sender":"Ada"} {"sender":"Alan"}' localhost:50051 example.ChatService/Chat
  gwb -plaintext -proto example.proto -import-path ./protos localhost:50051 example.LogService/Tail
`;
