import { describe, expect, it } from 'vitest';
import { parseGrpcurlCommand } from './parse-command.js';
import { shellWords } from './shell-words.js';
import { grpcurlCommand } from './to-command.js';

describe('shell words', () => {
  it('handles quotes, escapes and line continuations without expanding anything', () => {
    expect(shellWords(`a 'b c' "d \\"e\\" $HOME" f\\ g \\\n h ''`)).toEqual([
      'a',
      'b c',
      'd "e" $HOME',
      'f g',
      'h',
      '',
    ]);
    expect(() => shellWords(`a 'b`)).toThrow(/unterminated ' quote starting at character 3/);
  });
});

describe('parseGrpcurlCommand', () => {
  it('reads the README-style plaintext call', () => {
    expect(
      parseGrpcurlCommand(
        `grpcurl -plaintext -d '{"id": "1"}' localhost:50051 example.UserService/GetUser`,
      ),
    ).toEqual({
      request: {
        name: 'GetUser',
        connection: { address: 'localhost:50051', security: { kind: 'plaintext' } },
        method: '/example.UserService/GetUser',
        messages: [{ id: '1' }],
        metadata: [],
        options: {},
        notes: '',
      },
      ignored: [],
      notes: [],
    });
  });

  it('reads headers, TLS flags, authority, deadline and dotted method names', () => {
    const line = `grpcurl \\
      -H 'Authorization: Bearer abc.def' -H "x-request-id: 7" \\
      -cacert certs/ca.pem -cert=certs/client.pem -key certs/client.key -servername api.internal \\
      -authority api.example.com -max-time 2.5 -emit-defaults -v \\
      -d '{"name": "it'"'"'s", "n": "{{count}}"}' \\
      api.example.com:443 my.pkg.v1.Greeter.SayHello`;
    const { request, ignored } = parseGrpcurlCommand(line);
    expect(request.connection).toEqual({
      address: 'api.example.com:443',
      security: {
        kind: 'tls',
        caFile: 'certs/ca.pem',
        certFile: 'certs/client.pem',
        keyFile: 'certs/client.key',
        serverName: 'api.internal',
      },
      authority: 'api.example.com',
    });
    expect(request.method).toBe('/my.pkg.v1.Greeter/SayHello');
    const rows = [
      { key: 'authorization', value: 'Bearer abc.def' },
      { key: 'x-request-id', value: '7' },
    ];
    expect(request.metadata).toEqual(rows);
    // -H goes to reflection too.
    expect(request.schema).toEqual({ kind: 'reflection', metadata: rows });
    expect(request.messages).toEqual([{ name: "it's", n: '{{count}}' }]);
    expect(request.deadlineMs).toBe(2500);
    expect(request.options).toEqual({ emitDefaults: true });
    expect(ignored).toEqual(['-v']);
  });

  it('reads -insecure, --double-dash flags, a `$ ` prompt and a stream of messages', () => {
    const { request } = parseGrpcurlCommand(
      `$ grpcurl --insecure -d '{"sender":"a","content":"hi"} {"sender":"a","content":"bye"}' grpc.example.com:443 example.ChatService/Chat`,
    );
    expect(request.connection.security).toEqual({ kind: 'tls', skipVerify: true });
    expect(request.messages).toEqual([
      { sender: 'a', content: 'hi' },
      { sender: 'a', content: 'bye' },
    ]);
  });

  it('reads -proto/-import-path and several -protoset into the schema source', () => {
    expect(
      parseGrpcurlCommand(
        `grpcurl -plaintext -import-path ./protos -import-path ./third_party -proto example.proto -d '{}' localhost:50051 example.LogService/Tail`,
      ).request.schema,
    ).toEqual({
      kind: 'protoFiles',
      files: ['example.proto'],
      importPaths: ['./protos', './third_party'],
    });
    expect(
      parseGrpcurlCommand(
        `gwb -protoset out/a.protoset -protoset out/b.protoset -plaintext localhost:1 example.UserService/GetUser`,
      ).request.schema,
    ).toEqual({ kind: 'descriptorSet', files: ['out/a.protoset', 'out/b.protoset'] });
  });

  it('lists what it read but the request does not keep', () => {
    const { request, ignored } = parseGrpcurlCommand(
      `grpcurl -v -format json -format-error -user-agent x -reflect-header 'a: 1' -use-reflection -protoset s.pb -record r.ndjson h:1 a.B/C`,
    );
    expect(request.schema).toEqual({ kind: 'descriptorSet', files: ['s.pb'] });
    expect(ignored).toEqual([
      '-use-reflection (the request keeps the schema files only)',
      '-reflect-header (the schema comes from files, not reflection)',
      '-format',
      '-format-error',
      '-record',
      '-v',
    ]);
    expect(request.connection.userAgent).toBe('x');
  });

  it('says what is wrong with commands it cannot import, naming the flag or word', () => {
    const cases: [string, RegExp][] = [
      ['grpcurl -plaintext localhost:50051 list', /list\/describe/],
      ['grpcurl -plaintext localhost:50051', /needs an address and a method/],
      ['grpcurl -plaintext h:1 a.B/C extra', /too many arguments in the grpcurl command: extra/],
      ['grpcurl -d @ -plaintext localhost:1 a.B/C', /-d @ reads the messages from stdin/],
      [`grpcurl -d '{"id": }' -plaintext localhost:1 a.B/C`, /^-d is not valid JSON: .* column 8$/],
      ['grpcurl -frobnicate localhost:1 a.B/C', /^flag provided but not defined: -frobnicate$/],
      [`grpcurl -H ': v' localhost:1 a.B/C`, /^header ": v" has no name/],
      ['grpcurl -plaintext localhost:1 GetUser', /"GetUser" is not a method name/],
      ['grpcurl -max-time soon h:1 a.B/C', /invalid value "soon" for flag -max-time/],
      ['grpcurl', /the grpcurl command is empty/],
      [`grpcurl -d '{"a":1}`, /unterminated ' quote/],
    ];
    for (const [line, error] of cases) expect(() => parseGrpcurlCommand(line), line).toThrow(error);
  });

  // The bugs of the old import and export, which each had their own list of flags.
  it('keeps the server name, max receive size and -unix with -plaintext, both ways', () => {
    const line = `grpcurl -unix -plaintext -max-msg-sz 8388608 /tmp/s.sock a.B/C`;
    const { request } = parseGrpcurlCommand(line);
    expect(request.connection).toEqual({
      address: '/tmp/s.sock',
      security: { kind: 'plaintext' },
      unix: true,
      maxReceiveBytes: 8388608,
    });
    const tls = parseGrpcurlCommand(`grpcurl -servername api.internal h:443 a.B/C`).request;
    expect(tls.connection.security).toEqual({ kind: 'tls', serverName: 'api.internal' });
    expect(grpcurlCommand(tls)).toContain('-servername api.internal');
    // The app's own export of a max receive size is read back by its import.
    expect(parseGrpcurlCommand(grpcurlCommand(request)).request).toEqual(request);
  });
});
