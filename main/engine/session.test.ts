import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from '../../shared/session/session.js';
import { newRequest, plaintextConnection } from '../../shared/request/index.js';
import { createSessionStore, SESSION_FILE } from './session.js';

// The stored session on the real file system: written atomically, read back as written, and a
// file that does not parse or fit is set aside with a message saying what, where and where to.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gwb-session-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const session: Session = {
  version: 1,
  tabs: [
    {
      id: 'tab-1',
      draft: newRequest(plaintextConnection('localhost:50051'), '/example.UserService/GetUser'),
      texts: ['{\n  "id": "1"\n'],
      savedPath: null,
      saved: null,
      editor: 'form',
      record: false,
      callId: 'call-1',
      lastResponse: {
        code: 0,
        codeName: 'OK',
        message: '',
        durationMs: 3.5,
        received: 1,
        endedAt: 1_760_000_000_000,
      },
    },
  ],
  activeTabId: 'tab-1',
};

const asideFiles = () => readdirSync(dir).filter((f) => f.startsWith(`${SESSION_FILE}.broken-`));

describe('session store', () => {
  it('reads nothing before anything was written', () => {
    expect(createSessionStore(dir).read()).toEqual({ session: null });
  });

  it('writes atomically and reads back what it wrote, across store instances', () => {
    createSessionStore(dir).write({ session });
    expect(readdirSync(dir)).toEqual([SESSION_FILE]);
    expect(createSessionStore(dir).read()).toEqual({ session });
    const second = { ...session, activeTabId: null };
    createSessionStore(dir).write({ session: second });
    expect(createSessionStore(dir).read()).toEqual({ session: second });
    expect(readdirSync(dir)).toEqual([SESSION_FILE]);
  });

  it('sets a file that is not JSON aside, saying where it broke and where it went', () => {
    const text = '{"version": 1, "tabs": [\n  {"id": }\n';
    writeFileSync(join(dir, SESSION_FILE), text);
    const store = createSessionStore(dir);
    const read = store.read();
    expect(read.session).toBeNull();
    const [aside] = asideFiles();
    expect(aside).toBeDefined();
    expect(read.problem).toContain(`${join(dir, SESSION_FILE)}: not valid JSON`);
    expect(read.problem).toMatch(/unexpected token '\}'/);
    expect(read.problem).toContain(`moved to ${join(dir, aside!)}`);
    expect(existsSync(join(dir, SESSION_FILE))).toBe(false);
    // Nothing is lost: the broken file is kept as it was.
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe(text);
    // Set aside once; the next read starts clean and a write works.
    expect(store.read()).toEqual({ session: null });
    store.write({ session });
    expect(store.read()).toEqual({ session });
  });

  it('sets aside a file that does not fit the session format, naming the field', () => {
    const wrong = structuredClone(session) as unknown as {
      tabs: { draft: { connection: { security: unknown } } }[];
    };
    wrong.tabs[0]!.draft.connection.security = { kind: 'ssl' };
    writeFileSync(join(dir, SESSION_FILE), JSON.stringify(wrong));
    const read = createSessionStore(dir).read();
    expect(read.session).toBeNull();
    expect(read.problem).toMatch(
      /does not fit its format: .*tabs\[0\]\.draft\.connection\.security/,
    );
    expect(read.problem).toContain('.broken-');
    expect(asideFiles()).toHaveLength(1);
  });

  it('sets aside a file it cannot read at all (a folder in its place), so no save replaces it', () => {
    const store = createSessionStore(dir);
    mkdirSync(join(dir, SESSION_FILE));
    const read = store.read();
    expect(read.session).toBeNull();
    expect(read.problem).toMatch(/could not be read: .*folder.*moved to .*session\.json\.broken-/);
    expect(readdirSync(dir).some((n) => n.startsWith(`${SESSION_FILE}.broken-`))).toBe(true);
  });

  it('refuses to store a session larger than it would read back, keeping the stored one', () => {
    const store = createSessionStore(dir);
    store.write({ session });
    const huge: Session = {
      ...session,
      tabs: [{ ...session.tabs[0]!, texts: ['x'.repeat(33 * 1024 * 1024)] }],
    };
    expect(() => store.write({ session: huge })).toThrow(/more than the 32 MiB a session may hold/);
    expect(store.read().session).toEqual(session);
  });
});
