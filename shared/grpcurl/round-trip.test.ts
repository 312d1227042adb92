import { describe, expect, it } from 'vitest';
import type { RequestDocument } from '../request/document.js';
import { GRPCURL_FLAGS } from './flag-table.js';
import type { FlagName } from './flag-types.js';
import { parseGrpcurlCommand } from './parse-command.js';
import { grpcurlArgs, grpcurlCommand } from './to-command.js';

// A document → grpcurl text → the same document, for every flag that maps onto the document.
// Documents here are in the form text gives back: no flag-less fields (name = method name, no
// notes, no max send size), metadata keys lower-case, reflection metadata only when there is some.

const base = (patch: Partial<RequestDocument> = {}): RequestDocument => ({
  name: 'GetUser',
  connection: { address: 'localhost:50051', security: { kind: 'plaintext' } },
  method: '/example.UserService/GetUser',
  messages: [{ id: '1' }],
  metadata: [],
  options: {},
  notes: '',
  ...patch,
});

const DOCUMENTS: Record<string, RequestDocument> = {
  'plaintext, one message': base(),
  'no message at all': base({ messages: [] }),
  'TLS with the system roots': base({
    connection: { address: 'api.example.com:443', security: { kind: 'tls' } },
  }),
  'TLS with CA, client certificate, server name, -insecure': base({
    connection: {
      address: 'api.example.com:443',
      security: {
        kind: 'tls',
        caFile: 'certs/my ca.pem',
        certFile: '/etc/certs/client.pem',
        keyFile: "/etc/certs/it's.key",
        skipVerify: true,
        serverName: 'api.internal',
      },
    },
  }),
  'a Unix socket with authority and every size and time': base({
    connection: {
      address: '/run/grpc/demo.sock',
      security: { kind: 'plaintext' },
      unix: true,
      authority: 'demo.local',
      maxReceiveBytes: 8_388_608,
      keepaliveMs: 1500,
      connectTimeoutMs: 250,
    },
    deadlineMs: 2500,
  }),
  'headers for both, the call only and reflection only': base({
    metadata: [
      { key: 'authorization', value: 'Bearer a b' },
      { key: 'x-call', value: "it's {{token}}" },
    ],
    schema: {
      kind: 'reflection',
      metadata: [
        { key: 'authorization', value: 'Bearer a b' },
        { key: 'x-reflect', value: 'r' },
      ],
    },
  }),
  'reflection headers only': base({
    schema: { kind: 'reflection', metadata: [{ key: 'x-reflect', value: '1' }] },
  }),
  'call headers only, over reflection': base({
    metadata: [{ key: 'x-only-call', value: 'v' }],
  }),
  'proto files with import paths and headers': base({
    schema: {
      kind: 'protoFiles',
      files: ['example.proto', 'more/other.proto'],
      importPaths: ['./protos', '/usr/include'],
    },
    metadata: [
      { key: 'x-a', value: '1' },
      { key: 'trace-bin', value: 'AQID' },
    ],
  }),
  'a user agent': base({
    connection: {
      address: 'localhost:50051',
      security: { kind: 'plaintext' },
      userAgent: 'my tool/1.0',
    },
  }),
  'several descriptor sets': base({
    schema: { kind: 'descriptorSet', files: ['out/api.protoset', 'out/deps.protoset'] },
  }),
  'several messages and both options': base({
    method: '/example.ChatService/Chat',
    name: 'Chat',
    messages: [
      { sender: 'Ada', content: 'O\'Brien $HOME `id` \\ "q"' },
      { sender: 'Alan', n: '9007199254740993', list: [1, 2.5, null, true] },
      {},
    ],
    options: { emitDefaults: true, allowUnknownFields: true },
  }),
  'an address with a variable': base({
    connection: { address: '{{host}}:443', security: { kind: 'tls' } },
  }),
};

describe('document → grpcurl → document', () => {
  for (const [what, doc] of Object.entries(DOCUMENTS)) {
    it(what, () => {
      const text = grpcurlCommand(doc);
      expect(parseGrpcurlCommand(text, { name: doc.name })).toEqual({
        request: doc,
        ignored: [],
        notes: [],
      });
    });
  }

  it('covers every flag that maps onto the document', () => {
    const written = new Set(
      Object.values(DOCUMENTS).flatMap((doc) =>
        grpcurlArgs(doc)
          .filter((w) => w.startsWith('-'))
          .map((w) => w.slice(1)),
      ),
    );
    const mapped = (Object.keys(GRPCURL_FLAGS) as FlagName[]).filter(
      (name) => GRPCURL_FLAGS[name].role === 'request' && GRPCURL_FLAGS[name].gwbOwn !== true,
    );
    expect(mapped.filter((name) => !written.has(name))).toEqual([]);
  });

  it('writes the flags grpcurl users expect', () => {
    expect(grpcurlCommand(DOCUMENTS['a Unix socket with authority and every size and time']!)).toBe(
      'grpcurl -plaintext -authority demo.local -unix -connect-timeout 0.25 -max-time 2.5 -max-msg-sz 8388608 -keepalive-time 1.5 -d \'{"id":"1"}\' /run/grpc/demo.sock example.UserService/GetUser',
    );
    expect(grpcurlCommand(DOCUMENTS['headers for both, the call only and reflection only']!)).toBe(
      "grpcurl -plaintext -H 'authorization: Bearer a b' -rpc-header 'x-call: it'\\''s {{token}}' -reflect-header 'x-reflect: r' -d '{\"id\":\"1\"}' localhost:50051 example.UserService/GetUser",
    );
    expect(
      grpcurlCommand(DOCUMENTS['TLS with CA, client certificate, server name, -insecure']!),
    ).toBe(
      "grpcurl -insecure -cacert 'certs/my ca.pem' -cert /etc/certs/client.pem -key '/etc/certs/it'\\''s.key' -servername api.internal -d '{\"id\":\"1\"}' api.example.com:443 example.UserService/GetUser",
    );
  });
});

// Command lines as grpcurl's README and help write them: read, written back, read again.
const GRPCURL_DOC_LINES = [
  `grpcurl grpc.server.com:443 my.custom.server.Service/Method`,
  `grpcurl -d '{"id": 1234, "tags": ["foo","bar"]}' \\\n    grpc.server.com:443 my.custom.server.Service/Method`,
  `grpcurl -plaintext -H 'Authorization: Bearer xyz' localhost:8787 my.custom.server.Service.MethodOne`,
  `grpcurl -import-path ../protos -proto my-stuff.proto -plaintext localhost:8787 my.custom.server.Service/MethodOne`,
  `grpcurl -protoset my-protos.bin -d '{"a": 1} {"a": 2}' grpc.server.com:443 my.custom.server.Service/Stream`,
  `grpcurl -cacert ca.crt -cert client.crt -key client.key -servername grpc.internal -max-time 10 grpc.server.com:443 my.custom.server.Service/Method`,
  `grpcurl -unix -plaintext /tmp/grpc.sock my.custom.server.Service/Method`,
  `grpcurl -max-msg-sz 10485760 -connect-timeout 3 -keepalive-time 30 -authority api.local -insecure grpc.server.com:443 my.custom.server.Service/Method`,
  `grpcurl -reflect-header 'x-api-key: k' -rpc-header 'x-user: u' -H 'x-both: b' grpc.server.com:443 my.custom.server.Service/Method`,
];

describe('grpcurl text → document → text', () => {
  for (const line of GRPCURL_DOC_LINES) {
    it(line.split('\n')[0]!, () => {
      const first = parseGrpcurlCommand(line).request;
      const written = grpcurlCommand(first);
      const again = parseGrpcurlCommand(written).request;
      expect(again).toEqual(first);
      expect(grpcurlCommand(again)).toBe(written);
    });
  }

  it('keeps a line already in the written form word for word', () => {
    const line = `grpcurl -plaintext -unix -max-msg-sz 8388608 -d '{"id":"1"}' /tmp/s.sock example.UserService/GetUser`;
    expect(grpcurlCommand(parseGrpcurlCommand(line).request)).toBe(line);
  });
});
