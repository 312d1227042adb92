import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { COMMAND_NAMES, ERROR_CODES, type CommandName } from '../../shared/contract/index.js';
import { resourcePath } from '../resources.js';
import { demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';
import { workspaceBases } from './workspace.fuzz-bases.js';
import { recordingBases } from './recordings.fuzz-bases.js';
import { runnerBases } from '../runner/runner.fuzz-bases.js';
import { checksBases } from '../checks/checks.fuzz-bases.js';
import { loadBases } from './load.fuzz-bases.js';
import { captureBases } from './capture.fuzz-bases.js';

// ≥ 1,000 malformed payloads per command through the real router and engine: every one must be
// answered (never thrown), with a known error code and never `internal`, and nothing may appear
// outside the data directory.

const PER_COMMAND = 1000;

/** A small deterministic PRNG so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let kit: EngineKit;
let outside: string;

beforeAll(() => {
  kit = startEngineKit();
  outside = join(kit.baseDir, 'outside');
  mkdirSync(outside);
});

afterAll(async () => {
  await kit.close();
});

function bases(): Record<CommandName, Record<string, unknown>> {
  const connection = { address: '127.0.0.1:1', security: { kind: 'plaintext' } };
  return {
    'host.capabilities': {},
    'schema.loadProtoFiles': {
      files: [resourcePath('protos', 'example.proto')],
      importPaths: [resourcePath('protos')],
    },
    'schema.loadDescriptorSet': { path: join(outside, 'x.pb') },
    'schema.loadReflection': { connection, metadata: [] },
    'schema.loadContents': {
      files: [{ kind: 'proto', path: 'a/b.proto', text: 'syntax = "proto3";\nmessage B {}\n' }],
    },
    'schema.merge': { schemaIds: ['schema-none', 'schema-other'] },
    'schema.list': {},
    'schema.get': { schemaId: 'schema-none' },
    'schema.remove': { schemaId: 'schema-none' },
    'schema.template': { schemaId: 'schema-none', typeName: 'example.User' },
    'channel.state': { connection },
    'schema.load': {
      source: { kind: 'protoFiles', files: ['x.proto'], importPaths: [] },
      connection,
    },
    'call.start': {
      schemaId: 'schema-none',
      request: demoRequest('127.0.0.1:1', '/example.UserService/GetUser', [{ id: '1' }]),
    },
    'call.send': { callId: 'call-none', message: { a: 1 } },
    'call.halfClose': { callId: 'call-none' },
    'call.cancel': { callId: 'call-none' },
    'call.events': { callId: 'call-none', sinceSeq: 0 },
    'call.release': { callId: 'call-none' },
    'session.read': {},
    'session.write': { session: { version: 1, tabs: [], activeTabId: null } },
    'demo.start': { port: 0 },
    'files.list': { path: outside },
    'files.pick': { kind: 'proto' },
    'export.grpcurlWithSecrets': {
      request: demoRequest('127.0.0.1:1', '/example.UserService/GetUser', [{ id: '1' }]),
    },
    ...workspaceBases(),
    ...recordingBases(),
    ...runnerBases(),
    ...checksBases(),
    ...loadBases(),
    ...captureBases(),
  };
}

function badValue(r: () => number, outsideDir: string): unknown {
  const pick = Math.floor(r() * 16);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return -1;
    case 2:
      return 1e308 * 10;
    case 3:
      return 'x'.repeat(1 + Math.floor(r() * 3) * 600_000);
    case 4:
      return `../../../${Math.floor(r() * 1e6)}/../etc/passwd`;
    case 5:
      return join(outsideDir, '..', '..', `gwb-fuzz-${Math.floor(r() * 1e6)}.proto`);
    case 6:
      return JSON.parse(
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
      );
    case 7:
      return [1, 'a', null, {}];
    case 8:
      return { nested: { deeper: [{ '': 0 }] } };
    case 9:
      return true;
    case 10:
      return 'a\u0000b';
    case 11:
      return Number.MAX_SAFE_INTEGER + 2;
    case 12:
      return '';
    case 13:
      return { toString: 'x', valueOf: 1 };
    case 14:
      return 'constructor';
    default:
      return '\u{1F608}'.repeat(5000);
  }
}

/** Corrupts one or more spots of a valid payload, or sends something that is not an object. */
function malformed(base: Record<string, unknown>, r: () => number, outsideDir: string): unknown {
  const mode = r();
  if (mode < 0.1) return badValue(r, outsideDir);
  const copy = structuredClone(base) as Record<string, unknown>;
  const keys = [
    ...Object.keys(copy),
    'files',
    'path',
    'connection',
    'metadata',
    'message',
    'schemaId',
    'schemaIds',
    'callId',
    'port',
  ];
  const edits = 1 + Math.floor(r() * 3);
  for (let i = 0; i < edits; i++) {
    const key = keys[Math.floor(r() * keys.length)]!;
    const current = copy[key];
    if (current && typeof current === 'object' && !Array.isArray(current) && r() < 0.5) {
      const inner = Object.keys(current);
      const innerKey = inner[Math.floor(r() * inner.length)] ?? 'target';
      (current as Record<string, unknown>)[innerKey] = badValue(r, outsideDir);
    } else if (Array.isArray(current) && r() < 0.5) {
      current.push(badValue(r, outsideDir));
    } else {
      copy[key] = badValue(r, outsideDir);
    }
  }
  if (r() < 0.2)
    Object.defineProperty(copy, '__proto__', {
      value: { polluted: true },
      enumerable: true,
      configurable: true,
      writable: true,
    });
  return copy;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

describe('router fuzz', () => {
  it.each(COMMAND_NAMES.map((n) => [n]))('%s survives malformed payloads', async (name) => {
    const r = rng(COMMAND_NAMES.indexOf(name) + 1);
    const base = bases()[name];
    const codes = new Map<string, number>();
    for (let i = 0; i < PER_COMMAND; i++) {
      const input = malformed(base, r, outside);
      const reply = await kit.router.dispatch({ t: 'call', id: i, name, input });
      expect(reply.id).toBe(i);
      if (reply.t === 'error') {
        expect(ERROR_CODES).toContain(reply.code);
        if (reply.code === 'internal')
          throw new Error(
            `${name} answered internal for ${JSON.stringify(input)?.slice(0, 300)}: ${reply.message}`,
          );
        expect(reply.message.length).toBeGreaterThan(0);
        codes.set(reply.code, (codes.get(reply.code) ?? 0) + 1);
      } else {
        codes.set('result', (codes.get('result') ?? 0) + 1);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
    // Most payloads are rejected at the boundary (commands without input only ignore extra keys).
    if (Object.keys(base).length > 0)
      expect(codes.get('invalid_input') ?? 0).toBeGreaterThan(PER_COMMAND / 4);
    else expect(codes.get('result')).toBeGreaterThan(0);
  });

  it('wrote nothing outside the data directory', () => {
    const stray = filesUnder(kit.baseDir).filter((f) => !f.startsWith(kit.dataDir + '/'));
    expect(stray.map((f) => relative(kit.baseDir, f))).toEqual([]);
  });
});
