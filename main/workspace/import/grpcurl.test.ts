import { describe, it, expect, afterEach } from 'vitest';
import { openWorkspace } from '../index.js';
import { removeDir, tempDir } from '../workspace.testkit.js';
import { parseGrpcurl } from './grpcurl.js';
import { importGrpcurl } from './workspace-imports.js';
import { shellWords } from '../../../shared/grpcurl/shell-words.js';
import { toGrpcurl } from './to-grpcurl.js';
import { spawnSync } from 'node:child_process';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

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

describe('grpcurl import', () => {
  it('reads the README-style plaintext call', () => {
    const { request, schemaSource } = parseGrpcurl(
      `grpcurl -plaintext -d '{"id": "1"}' localhost:50051 example.UserService/GetUser`,
    );
    expect(schemaSource).toBeUndefined();
    expect(request).toEqual({
      version: 1,
      name: 'GetUser',
      connection: { address: 'localhost:50051', security: { kind: 'plaintext' } },
      method: '/example.UserService/GetUser',
      body: { id: '1' },
      metadata: [],
      options: {},
      notes: '',
    });
  });

  it('reads headers, TLS flags, authority, deadline and dotted method names', () => {
    const line = `grpcurl \\
      -H 'Authorization: Bearer abc.def' -H "x-request-id: 7" \\
      -cacert certs/ca.pem -cert=certs/client.pem -key certs/client.key -servername api.internal \\
      -authority api.example.com -max-time 2.5 -emit-defaults -v \\
      -d '{"name": "it'"'"'s", "n": "{{count}}"}' \\
      api.example.com:443 my.pkg.v1.Greeter.SayHello`;
    const { request, ignored } = parseGrpcurl(line);
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
    expect(request.metadata).toEqual([
      { key: 'authorization', value: 'Bearer abc.def' },
      { key: 'x-request-id', value: '7' },
    ]);
    expect(request.body).toEqual({ name: "it's", n: '{{count}}' });
    expect(request.deadlineMs).toBe(2500);
    expect(request.options).toEqual({ emitDefaults: true });
    expect(ignored).toEqual(['-v']);
  });

  it('reads -insecure, --double-dash flags and a stream of messages', () => {
    const { request } = parseGrpcurl(
      `$ grpcurl --insecure -d '{"sender":"a","content":"hi"} {"sender":"a","content":"bye"}' grpc.example.com:443 example.ChatService/Chat`,
    );
    expect(request.connection.security).toEqual({ kind: 'tls', skipVerify: true });
    expect(request.body).toEqual([
      { sender: 'a', content: 'hi' },
      { sender: 'a', content: 'bye' },
    ]);
  });

  it('turns -proto/-import-path and -protoset into a reused schema source', () => {
    const ws = openWorkspace(tempDir());
    dirs.push(ws.dir);
    const cmd = `grpcurl -plaintext -import-path ./protos -import-path ./third_party -proto example.proto -d '{}' localhost:50051 example.LogService/Tail`;
    const a = importGrpcurl(ws, cmd, 'logs/Tail');
    const b = importGrpcurl(ws, cmd, 'logs/Tail again');
    expect(a.request.schemaSource).toBe('protoFiles');
    expect(b.request.schemaSource).toBe('protoFiles');
    expect(ws.schemaSources.list()).toEqual([
      {
        id: 'protoFiles',
        kind: 'protoFiles',
        files: ['example.proto'],
        importPaths: ['./protos', './third_party'],
      },
    ]);
    expect(b.request.name).toBe('Tail again');
    const c = importGrpcurl(
      ws,
      `grpcurl -protoset out/api.protoset -plaintext localhost:1 example.UserService/GetUser`,
      'logs/ps',
    );
    expect(ws.schemaSources.get(c.request.schemaSource!)).toEqual({
      id: 'descriptorSet',
      kind: 'descriptorSet',
      path: 'out/api.protoset',
    });
  });

  it('says what is wrong with commands it cannot import', () => {
    expect(() => parseGrpcurl('grpcurl -plaintext localhost:50051 list')).toThrow(/list\/describe/);
    expect(() => parseGrpcurl('grpcurl -plaintext localhost:50051')).toThrow(
      /needs an address and a method/,
    );
    expect(() => parseGrpcurl('grpcurl -d @ -plaintext localhost:1 a.B/C')).toThrow(/stdin/);
    expect(() => parseGrpcurl(`grpcurl -d '{"id": }' -plaintext localhost:1 a.B/C`)).toThrow(
      /-d: message 1 is not valid JSON/,
    );
    expect(() => parseGrpcurl('grpcurl -frobnicate localhost:1 a.B/C')).toThrow(
      /flag -frobnicate is not known/,
    );
    expect(() => parseGrpcurl('grpcurl -H novalue localhost:1 a.B/C')).toThrow(
      /-H "novalue" is not "name: value"/,
    );
    expect(() => parseGrpcurl('grpcurl -plaintext localhost:1 GetUser')).toThrow(
      /not a method name/,
    );
  });
});

describe('copy as grpcurl', () => {
  it('round-trips through parseGrpcurl, quotes included, and runs in a real shell unchanged', () => {
    const request = parseGrpcurl(
      `grpcurl -insecure -cacert 'my certs/ca.pem' -authority a.b -H 'x-q: it'"'"'s {{x}}' -max-time 0.25 -allow-unknown-fields -d '{"id":"O'"'"'Brien $HOME \`id\`"}' host:1 p.S/M`,
    ).request;
    const line = toGrpcurl(request);
    expect(parseGrpcurl(line, { name: request.name }).request).toEqual(request);
    // bash must see exactly the same words (nothing expanded or executed).
    const words = spawnSync('bash', ['-c', `printf '%s\\0' ${line.slice('grpcurl '.length)}`], {
      encoding: 'utf8',
    })
      .stdout.split('\0')
      .slice(0, -1);
    expect(words).toEqual(shellWords(line).slice(1));
    expect(words).toContain('{"id":"O\'Brien $HOME `id`"}');
    const stream = parseGrpcurl(`grpcurl -plaintext -d '{"a":1} {"a":2}' h:1 p.S/M`).request;
    expect(
      parseGrpcurl(
        toGrpcurl(stream, { id: 'x', kind: 'protoFiles', files: ['a.proto'], importPaths: ['p'] }),
        { name: 'M' },
      ),
    ).toMatchObject({
      request: stream,
      schemaSource: { kind: 'protoFiles', files: ['a.proto'], importPaths: ['p'] },
    });
  });
});
