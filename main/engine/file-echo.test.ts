import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngineKit, type EngineKit } from './engine.testkit.js';

// A client may name any file for the engine to parse, and parse errors go back to it: the web
// host's secrets.key used to come back whole inside "syntax error: illegal token '<the key>'".
// Errors quote at most a short, escaped excerpt of a file, and nothing of the secrets files.

let kit: EngineKit;
const KEY = 'deadbeefcafef00d'.repeat(4);
const SEALED = `{"version":1,"iv":"IVIVIVIVIVIV", ${'SEALEDSECRET'.repeat(4)}}`;

beforeAll(() => {
  kit = startEngineKit();
  mkdirSync(kit.dataDir, { recursive: true });
  // Broken: a stray character after the 64 hex digits, so every reader fails on it.
  writeFileSync(join(kit.dataDir, 'secrets.key'), `${KEY}!\n`, { mode: 0o600 });
  writeFileSync(join(kit.dataDir, 'secrets.enc.json'), SEALED, { mode: 0o600 });
});

afterAll(async () => {
  await kit.close();
});

/** The error message of a command that must fail. */
async function failure(name: string, input: unknown): Promise<string> {
  const reply = await kit.router.invoke(name as never, input as never);
  if (reply.t !== 'error') throw new Error(`${name} did not fail`);
  return reply.message;
}

/** No 8 characters in a row of `secret` appear in `text`. */
function holdsNoPieceOf(text: string, secret: string): void {
  for (let i = 0; i + 8 <= secret.length; i++) expect(text).not.toContain(secret.slice(i, i + 8));
}

describe('errors about files quote nothing of the secrets files', () => {
  it('a broken secrets.key read as a proto or a descriptor set, and secrets.enc.json too', async () => {
    const key = join(kit.dataDir, 'secrets.key');
    const sealed = join(kit.dataDir, 'secrets.enc.json');
    const messages = [
      await failure('schema.loadProtoFiles', { files: [key], importPaths: [kit.dataDir] }),
      await failure('schema.loadDescriptorSet', { path: key }),
      await failure('schema.loadProtoFiles', { files: [sealed], importPaths: [kit.dataDir] }),
      await failure('schema.loadDescriptorSet', { path: sealed }),
    ];
    expect(messages[0]).toMatch(/secrets\.key:1:\d+: syntax error: .*not shown: a secrets file/);
    for (const message of messages) {
      holdsNoPieceOf(message, KEY);
      holdsNoPieceOf(message, SEALED);
    }
  });

  it('any other file: a short excerpt with control characters escaped', async () => {
    const file = join(kit.dataDir, 'notes.proto');
    writeFileSync(file, `TOKEN\u0007${'x'.repeat(200)}\n`);
    const message = await failure('schema.loadProtoFiles', {
      files: [file],
      importPaths: [kit.dataDir],
    });
    expect(message).toContain(`syntax error: illegal token 'TOKEN\\u0007${'x'.repeat(18)}…'`);
    expect(message).not.toContain('\u0007');
    expect(message.length).toBeLessThan(file.length + 100);
  });
});
